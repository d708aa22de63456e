package dev.billingidentity;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;

/** The checks both modes' settings share: on the built settings, and in their builders before anything is built. */
final class Settings {
  private Settings() {}

  static void checkCommon(Problems p, IdentitySettings s) {
    InputRules.clusterName(p, "cluster", s.cluster());
    checkOptions(p, s.serviceAccount(), s.permissionPolicyName(), s.account().orElse(null), s.storage(),
        s.trustPolicyQuota());
    checkBoundaryPartition(p, s.role(), s.storage());
  }

  /** The role's permissions boundary, when named, is in the bucket region's partition, as every ARN it writes. */
  static void checkBoundaryPartition(Problems p, IamRole role, BillingStorage storage) {
    if (role == null || storage == null) {
      return;
    }
    role.permissionsBoundary().filter(b -> b.startsWith("arn:")).ifPresent(b -> p.require(
        Partition.ofArn(b) == storage.partition(), "role.permissionsBoundary", b,
        "the permissions boundary is in the role's partition, the bucket region's (" + storage.partition().id()
            + ")"));
  }

  /**
   * The checks of the values other than the cluster, the role and the storage; a null value is one not given (its
   * default is valid) or one that could not be made (its own problems are recorded already), and is skipped.
   */
  static void checkOptions(Problems p, String serviceAccount, String permissionPolicyName, AwsAccount account,
      BillingStorage storage, Integer trustPolicyQuota) {
    if (serviceAccount != null) {
      InputRules.objectName(p, "serviceAccount", serviceAccount);
    }
    if (permissionPolicyName != null) {
      p.require(permissionPolicyName.matches("[\\w+=,.@-]{1,128}"), "permissionPolicyName", permissionPolicyName,
          "an IAM policy name has 1 to 128 letters, digits and +=,.@_-");
    }
    if (account != null && storage != null) {
      p.require(account.partition() == storage.partition(), "account.partition", account.partition().id(),
          "the account's partition matches the bucket region's partition (" + storage.partition().id() + ")");
    }
    if (trustPolicyQuota != null) {
      InputRules.trustPolicyQuota(p, "trustPolicyQuota", trustPolicyQuota);
    }
  }
}
