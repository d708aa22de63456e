package dev.billingidentity;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What both modes need to know: the cluster, the role, the bucket, and how far the library may go. The defaults
 * here are the same for both modes' settings.
 */
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
  @Value.Default
  default String serviceAccount() {
    return "vector";
  }

  /** The name of the library's inline S3 policy on the role, {@code billing-identity-s3}. */
  @Value.Default
  default String permissionPolicyName() {
    return "billing-identity-s3";
  }

  /** Whether to remove what belongs to control planes that are gone (default yes). */
  @Value.Default
  default boolean prune() {
    return true;
  }

  /** Whether a role the library did not create may be taken over (default no). */
  @Value.Default
  default boolean adoptExistingRole() {
    return false;
  }

  /** The mode these settings are for. */
  IdentityMode mode();
}
