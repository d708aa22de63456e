package dev.billingidentity.podidentity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes one of the library's associations: of a control plane that is gone (pruning), or on destroy. Checked
 * again when applied: one that is gone already counts as done, and one that is no longer the library's is kept.
 *
 * @param clusterName the cluster
 * @param associationId the association to delete
 * @param namespace its namespace
 * @param serviceAccount its service account
 * @param makesRoom whether creations of the same plan need this deletion to stay under EKS's 5,000 associations per
 *     cluster; such deletions run one at a time, before the creations, instead of alongside them
 */
public record DeleteAssociation(
    String clusterName, String associationId, String namespace, String serviceAccount, boolean makesRoom)
    implements Change {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteAssociation.class);

  @Override
  public String kind() {
    return "DeletePodIdentityAssociation";
  }

  @Override
  public String describe() {
    return "- delete pod identity association " + namespace + "/" + serviceAccount + " (" + associationId + ")";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("clusterName", clusterName);
    node.put("associationId", associationId);
    node.put("namespace", namespace);
    node.put("serviceAccount", serviceAccount);
    return node;
  }

  @Override
  public boolean concurrent() {
    return !makesRoom;
  }

  @Override
  public void apply(ApplyContext context) {
    Optional<Association> now = AssociationWrites.describe(context, clusterName, associationId);
    if (now.isEmpty()) {
      return;
    }
    if (!AssociationWrites.owned(now.get())) {
      LOG.warn("keeping association {} of {}/{}: it is no longer tagged as billing-identity's", associationId,
          namespace, serviceAccount);
      return;
    }
    try {
      context.retry().run("DeletePodIdentityAssociation " + associationId,
          () -> context.aws().eks().deletePodIdentityAssociation(clusterName, associationId));
    } catch (NoSuchEntityException e) {
      // Deleted in between (a concurrent applier): what we wanted.
    }
  }
}
