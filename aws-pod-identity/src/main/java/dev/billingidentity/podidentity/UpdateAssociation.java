package dev.billingidentity.podidentity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.plan.SubstituteChangeFailedException;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.NewAssociation;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Points one of the library's associations at the billing role (it names another one, e.g. after the role was
 * renamed in the settings). Checked again when applied, since a reviewed plan may be applied later: an association
 * that is no longer the library's fails with {@link AssociationConflictException} instead of being changed, and one
 * that was deleted in the meantime is created again.
 *
 * <p>Two updates are equal when they make the same change, whoever they tell of the outcome.
 *
 * @param clusterName the cluster
 * @param associationId the association to update
 * @param namespace its namespace (a host namespace)
 * @param serviceAccount its service account
 * @param fromRoleArn the role it names when planned
 * @param toRoleArn the billing role
 * @param outcome told of the association as EKS holds it once this change is applied, so that the apply's
 *     verification need not describe it again
 */
public record UpdateAssociation(
    String clusterName, String associationId, String namespace, String serviceAccount, String fromRoleArn,
    String toRoleArn, Consumer<Association> outcome) implements Change {

  /** Refuses a null outcome. */
  public UpdateAssociation {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The update, telling nobody of the outcome. */
  public UpdateAssociation(String clusterName, String associationId, String namespace, String serviceAccount,
      String fromRoleArn, String toRoleArn) {
    this(clusterName, associationId, namespace, serviceAccount, fromRoleArn, toRoleArn, a -> { });
  }

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
      CreateAssociation create = new CreateAssociation(new NewAssociation(clusterName, namespace, serviceAccount,
          toRoleArn, Ownership.tags(clusterName)), outcome);
      try {
        create.apply(context);
      } catch (RuntimeException failed) {
        throw new SubstituteChangeFailedException(create, "association " + associationId + " is gone", failed);
      }
      return;
    }
    if (!AssociationWrites.owned(now.get())) {
      throw new AssociationConflictException(now.get(), toRoleArn);
    }
    outcome.accept(now.get().roleArn().equals(toRoleArn) ? now.get()
        : AssociationWrites.pointAt(context, now.get(), toRoleArn));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateAssociation u && u.clusterName.equals(clusterName)
        && u.associationId.equals(associationId) && u.namespace.equals(namespace)
        && u.serviceAccount.equals(serviceAccount) && u.fromRoleArn.equals(fromRoleArn)
        && u.toRoleArn.equals(toRoleArn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clusterName, associationId, namespace, serviceAccount, fromRoleArn, toRoleArn);
  }

  @Override
  public String toString() {
    return "UpdateAssociation[" + clusterName + ", " + associationId + ", " + namespace + "/" + serviceAccount + ", "
        + fromRoleArn + " -> " + toRoleArn + "]";
  }
}
