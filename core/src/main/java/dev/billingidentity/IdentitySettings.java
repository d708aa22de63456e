package dev.billingidentity;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import java.util.Optional;

/** What both modes need to know: the cluster, the role, the bucket, and how far the library may go. */
public interface IdentitySettings {
  /** The EKS cluster hosting the Space. */
  String cluster();

  /** The billing role. */
  IamRole role();

  /** The bucket vector writes to. */
  BillingStorage storage();

  /** The account; asked of STS when absent. */
  Optional<AwsAccount> account();

  /** The workload's service account, {@code vector}. */
  String serviceAccount();

  /** The name of the library's inline S3 policy on the role. */
  String permissionPolicyName();

  /** Whether to remove what belongs to control planes that are gone. */
  boolean prune();

  /** Whether a role the library did not create may be taken over. */
  boolean adoptExistingRole();

  /** The mode these settings are for. */
  IdentityMode mode();
}
