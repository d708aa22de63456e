package dev.billingidentity.podidentity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.NewAssociation;
import java.util.Optional;

/**
 * Points one of the library's associations at the billing role (it names another one, e.g. after the role was
 * renamed in the settings). Checked again when applied, since a reviewed plan may be applied later: an association
 * that is no longer the library's fails with {@link AssociationConflictException} instead of being changed, and one
 * that was deleted in the meantime is created again.
 *
 * @param clusterName the cluster
 * @param associationId the association to update
 * @param namespace its namespace (a host namespace)
 * @param serviceAccount its service account
 * @param fromRoleArn the role it names when planned
 * @param toRoleArn the billing role
 */
public record UpdateAssociation(
    String clusterName, String associationId, String namespace, String serviceAccount, String fromRoleArn,
    String toRoleArn) implements Change {

  @Override
  public String kind() {
    return "UpdatePodIdentityAssociation";
  }

  @Override
  public String describe() {
    return "~ update pod identity association " + namespace + "/" + serviceAccount + " (" + associationId + "): "
        + fromRoleArn + " -> " + toRoleArn;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("clusterName", clusterName);
    node.put("associationId", associationId);
    node.put("namespace", namespace);
    node.put("serviceAccount", serviceAccount);
    node.put("fromRoleArn", fromRoleArn);
    node.put("toRoleArn", toRoleArn);
    return node;
  }

  @Override
  public boolean concurrent() {
    return true;
  }

  @Override
  public void apply(ApplyContext context) {
    Optional<Association> now = AssociationWrites.describe(context, clusterName, associationId);
    if (now.isEmpty()) {
      new CreateAssociation(new NewAssociation(clusterName, namespace, serviceAccount, toRoleArn,
          Ownership.tags(clusterName))).apply(context);
      return;
    }
    if (!AssociationWrites.owned(now.get())) {
      throw new AssociationConflictException(now.get(), toRoleArn);
    }
    if (!now.get().roleArn().equals(toRoleArn)) {
      AssociationWrites.pointAt(context, now.get(), toRoleArn);
    }
  }
}
