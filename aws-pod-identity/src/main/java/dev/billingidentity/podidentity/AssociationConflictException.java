package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.spi.aws.Association;

/**
 * An association the library did not create holds the namespace and service account the billing workload needs, and
 * gives its pods another role. EKS allows one association per namespace and service account, and the library never
 * changes what it did not create: the owner must delete it or point it at the billing role.
 */
public final class AssociationConflictException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;

  /** The association {@code existing} is in the way of one naming {@code wantedRoleArn}. */
  public AssociationConflictException(Association existing, String wantedRoleArn) {
    super(describe(existing, wantedRoleArn) + ". " + remedy(existing, wantedRoleArn));
  }

  /** What is in the way, in words. */
  static String describe(Association existing, String wantedRoleArn) {
    return "pod identity association " + existing.associationId() + " for " + existing.namespace() + "/"
        + existing.serviceAccount() + " on cluster " + existing.clusterName()
        + " was not created by billing-identity and gives the pods role " + existing.roleArn() + ", not "
        + wantedRoleArn + "; the library does not change associations it did not create";
  }

  /** How to clear the way: delete it, or point it at the billing role. */
  static String remedy(Association existing, String wantedRoleArn) {
    return "Delete it (aws eks delete-pod-identity-association --cluster-name " + existing.clusterName()
        + " --association-id " + existing.associationId() + ") and apply again, or point it at the billing role "
        + "(aws eks update-pod-identity-association --cluster-name " + existing.clusterName() + " --association-id "
        + existing.associationId() + " --role-arn " + wantedRoleArn + ")";
  }
}
