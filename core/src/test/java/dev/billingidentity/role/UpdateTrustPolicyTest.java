package dev.billingidentity.role;

import static dev.billingidentity.role.RoleFixtures.FOREIGN;
import static dev.billingidentity.role.RoleFixtures.OTHER_WRITER;
import static dev.billingidentity.role.RoleFixtures.POD;
import static dev.billingidentity.role.RoleFixtures.podIdentityEdit;
import static dev.billingidentity.role.RoleFixtures.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.TestResources;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.plan.ApplyContexts;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.MalformedPolicyException;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Applying a trust edit against an IAM role that other writers share. */
class UpdateTrustPolicyTest {
  private static final Map<String, String> OWNED = Ownership.tags("spaces-prod");

  private static UpdateTrustPolicy update(TrustEdit edit) {
    return new UpdateTrustPolicy("spaces-billing", edit, 2048, RoleFixtures::capacity);
  }

  @Test
  void writesTheEditAndKeepsForeignStatementsByteForByte() {
    String pretty = trust(FOREIGN).toPrettyJson();
    FakeIam iam = new FakeIam("spaces-billing", pretty, OWNED);

    update(podIdentityEdit()).apply(ApplyContexts.withIam(iam, 8));

    assertThat(iam.trustWrites).hasSize(1);
    assertThat(PolicyDocument.parse(iam.trust).statements()).containsExactly(FOREIGN, POD);
    assertThat(iam.trust).isEqualTo(TestResources.minify(pretty).replace("}]}", "}," + POD + "]}"));
  }

  @Test
  void writesNothingWhenTheTrustIsAlreadyRight() {
    FakeIam iam = new FakeIam("spaces-billing", trust(FOREIGN, POD).toPrettyJson(), OWNED);

    update(podIdentityEdit()).apply(ApplyContexts.withIam(iam, 8));

    assertThat(iam.trustWrites).isEmpty();
  }

  @Test
  void anotherWriterOverwritingOurWriteIsMergedAgainSoNeitherIsLost() {
    FakeIam iam = new FakeIam("spaces-billing", trust(FOREIGN).toJson(), OWNED);
    iam.otherWriter = ours -> trust(FOREIGN, OTHER_WRITER).toJson();
    iam.otherWrites = 1;

    update(podIdentityEdit()).apply(ApplyContexts.withIam(iam, 8));

    assertThat(iam.trustWrites).hasSize(2);
    assertThat(PolicyDocument.parse(iam.trust).statements()).containsExactly(FOREIGN, OTHER_WRITER, POD);
  }

  @Test
  void givesUpWithoutLosingTheOtherWritersStatementsWhenItKeepsWriting() {
    FakeIam iam = new FakeIam("spaces-billing", trust(FOREIGN).toJson(), OWNED);
    iam.otherWriter = ours -> trust(FOREIGN, OTHER_WRITER).toJson();

    assertThatThrownBy(() -> update(podIdentityEdit()).apply(ApplyContexts.withIam(iam, 8)))
        .isInstanceOf(ConcurrentTrustModificationException.class)
        .hasMessageContaining("spaces-billing").hasMessageContaining("5 writes");
    assertThat(iam.trustWrites).hasSize(5);
    assertThat(PolicyDocument.parse(iam.trust).statements()).containsExactly(FOREIGN, OTHER_WRITER);
  }

  @Test
  void refusesATrustOverTheQuotaBeforeWriting() {
    OidcIssuer issuer = OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      subjects.add(BillingPolicies.subject("mxp-" + new java.util.UUID(i, i) + "-system", "vector"));
    }
    TrustEdit tooBig = new ReplaceOwnedStatements(BillingPolicies.IRSA_SID,
        List.of(BillingPolicies.irsaStatement(RoleFixtures.ACCOUNT, issuer, subjects)));
    FakeIam iam = new FakeIam("spaces-billing", trust(POD).toJson(), OWNED);

    assertThatThrownBy(() -> update(tooBig).apply(ApplyContexts.withIam(iam, 8)))
        .isInstanceOfSatisfying(TrustPolicyQuotaException.class,
            e -> assertThat(e.capacity().size()).isEqualTo(tooBig.applyTo(trust(POD)).size()).isGreaterThan(2048))
        .hasMessageContaining("over the account's quota of 2048")
        .hasMessageContaining("Nothing was written");
    assertThat(iam.trustWrites).isEmpty();
  }

  @Test
  void refusesToRewriteATrustWithElementsIamDoesNotKnow() {
    String odd = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Actions\":\"sts:TagSession\"}]}";
    FakeIam iam = new FakeIam("spaces-billing", odd, OWNED);

    assertThatThrownBy(() -> update(podIdentityEdit()).apply(ApplyContexts.withIam(iam, 8)))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageContaining("trust policy of role 'spaces-billing'")
        .hasMessageContaining("unknown element 'Actions'")
        .hasMessageContaining("refusing to rewrite it");
    assertThat(iam.trustWrites).isEmpty();
  }

  @Test
  void aRoleThatIsGoneIsReportedAsSuch() {
    FakeIam iam = new FakeIam("spaces-billing", null, OWNED);

    assertThatThrownBy(() -> update(podIdentityEdit()).apply(ApplyContexts.withIam(iam, 8)))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("spaces-billing");
  }

  @Test
  void roleObservationReadsTheRoleItsTrustAndItsPolicy() {
    FakeIam iam = new FakeIam("spaces-billing", trust(FOREIGN, POD).toPrettyJson(), OWNED);
    iam.inlinePolicies.put("billing-identity-s3", TestResources.text("guide/irsa-s3-permission-policy.json"));

    RoleObservation observed = RoleObservation.read(iam, "spaces-billing", "billing-identity-s3");
    RoleObservation absent = RoleObservation.read(iam, "no-such-role", "billing-identity-s3");

    assertThat(observed.owned()).isTrue();
    assertThat(observed.trust()).contains(trust(FOREIGN, POD));
    assertThat(observed.permissionPolicy()).hasValueSatisfying(
        p -> assertThat(p.isEquivalentTo(BillingPolicies.s3Access(RoleFixtures.STORAGE))).isTrue());
    assertThat(absent.role()).isEmpty();
    assertThat(absent.owned()).isFalse();
  }
}
