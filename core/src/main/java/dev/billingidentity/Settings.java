package dev.billingidentity;

import dev.billingidentity.aws.Partition;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;

/** The checks both modes' settings share. */
final class Settings {
  private Settings() {}

  static void checkCommon(Problems p, IdentitySettings s) {
    InputRules.clusterName(p, "cluster", s.cluster());
    InputRules.objectName(p, "serviceAccount", s.serviceAccount());
    p.require(s.permissionPolicyName().matches("[\\w+=,.@-]{1,128}"), "permissionPolicyName",
        s.permissionPolicyName(), "an IAM policy name has 1 to 128 letters, digits and +=,.@_-");
    s.account().ifPresent(a -> p.require(a.partition() == s.storage().partition(), "account.partition",
        a.partition().id(), "the account's partition matches the bucket region's partition ("
            + s.storage().partition().id() + ")"));
    InputRules.trustPolicyQuota(p, "trustPolicyQuota", s.trustPolicyQuota());
    s.role().permissionsBoundary().filter(b -> b.startsWith("arn:")).ifPresent(b -> p.require(
        Partition.ofArn(b) == s.storage().partition(), "role.permissionsBoundary", b,
        "the permissions boundary is in the role's partition, the bucket region's (" + s.storage().partition().id()
            + ")"));
  }
}
