package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.ReplaceOwnedStatements;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the IRSA side of a trust shared by both modes, and removing it without touching the rest. */
class IrsaTrustTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
  private static final String CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod";

  private static PolicyDocument sharedTrust(boolean pattern) {
    var statements = new java.util.ArrayList<>(List.of(
        BillingPolicies.irsaStatement(ACCOUNT, ISSUER, List.of(
            BillingPolicies.subject("mxp-a-system", "vector"), BillingPolicies.subject("mxp-b-system", "vector"),
            BillingPolicies.subject("mxp-c-system", "other"))),
        BillingPolicies.podIdentityStatement(ACCOUNT, CLUSTER_ARN)));
    if (pattern) {
      statements.add(BillingPolicies.irsaHostNamespacePatternStatement(ACCOUNT, ISSUER));
    }
    return PolicyDocument.of(statements);
  }

  @Test
  void findsTheTrustedHostNamespacesOfTheServiceAccount() {
    PolicyDocument trust = sharedTrust(false);

    assertThat(IrsaTrust.present(trust)).isTrue();
    assertThat(IrsaTrust.hostNamespaces(trust, "vector")).containsExactly("mxp-a-system", "mxp-b-system");
    assertThat(IrsaTrust.pattern(trust)).isFalse();
    assertThat(IrsaTrust.pattern(sharedTrust(true))).isTrue();
  }

  @Test
  void removingTheIrsaPrefixRemovesBothIrsaStatementsAndKeepsPodIdentitys() {
    PolicyDocument after = new ReplaceOwnedStatements(BillingPolicies.IRSA_SID, List.of()).applyTo(sharedTrust(true));

    assertThat(IrsaTrust.present(after)).isFalse();
    assertThat(after.statements()).singleElement()
        .satisfies(s -> assertThat(s.sid()).contains(BillingPolicies.POD_IDENTITY_SID));
  }
}
