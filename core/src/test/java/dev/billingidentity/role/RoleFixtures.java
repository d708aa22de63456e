package dev.billingidentity.role;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.List;

/** The values the role tests share: a Pod Identity target and a foreign CI statement. */
final class RoleFixtures {
  private RoleFixtures() {}

  static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  static final IamRole ROLE = IamRole.named("spaces-billing");
  static final String CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod";
  static final Statement POD = BillingPolicies.podIdentityStatement(ACCOUNT, CLUSTER_ARN);
  static final Statement FOREIGN = PolicyDocument.parse("""
      {"Version":"2012-10-17","Statement":[{"Sid":"Ci","Effect":"Allow",
        "Principal":{"AWS":["arn:aws:iam::210987654321:role/ci","arn:aws:iam::210987654321:root"]},
        "Action":"sts:AssumeRole",
        "Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"acme:ratio":1.50}}}]}
      """).statements().get(0);
  static final Statement OTHER_WRITER = PolicyDocument.parse("""
      {"Statement":[{"Sid":"Lambda","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},
        "Action":"sts:AssumeRole"}]}
      """).statements().get(0);

  static ReplaceOwnedStatements podIdentityEdit() {
    return new ReplaceOwnedStatements(BillingPolicies.POD_IDENTITY_SID, List.of(POD));
  }

  static TrustCapacity capacity(PolicyDocument doc) {
    return new TrustCapacity(doc.size(), 2048, 0, 0);
  }

  static RoleTarget target(TrustEdit edit, boolean adopt) {
    return new RoleTarget(ROLE, "spaces-prod", "billing role for spaces-prod", "billing-identity-s3",
        BillingPolicies.s3Access(STORAGE), edit, 2048, RoleFixtures::capacity, adopt, false);
  }

  static PolicyDocument trust(Statement... statements) {
    return PolicyDocument.of(statements);
  }
}
