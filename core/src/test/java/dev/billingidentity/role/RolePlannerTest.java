package dev.billingidentity.role;

import static dev.billingidentity.role.RoleFixtures.FOREIGN;
import static dev.billingidentity.role.RoleFixtures.POD;
import static dev.billingidentity.role.RoleFixtures.STORAGE;
import static dev.billingidentity.role.RoleFixtures.podIdentityEdit;
import static dev.billingidentity.role.RoleFixtures.target;
import static dev.billingidentity.role.RoleFixtures.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.TestResources;
import dev.billingidentity.plan.Change;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Planning the billing role from small hand-written observations of IAM. */
class RolePlannerTest {
  private static final Map<String, String> OWNED = Ownership.tags("spaces-prod");
  private static final PolicyDocument S3 = BillingPolicies.s3Access(STORAGE);

  private static RoleObservation absent() {
    return new RoleObservation(Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static RoleObservation existing(Map<String, String> tags, PolicyDocument trust, PolicyDocument policy) {
    RoleInfo role = new RoleInfo("spaces-billing", "/", "arn:aws:iam::123456789012:role/spaces-billing",
        trust.toJson(), tags);
    return new RoleObservation(Optional.of(role), Optional.of(trust), Optional.ofNullable(policy));
  }

  private static List<String> kinds(RolePlan plan) {
    return plan.changes().stream().map(Change::kind).toList();
  }

  @Test
  void anAbsentRoleIsCreatedOwnedWithItsTrustAndThenGetsItsPolicy() {
    RolePlan plan = RolePlanner.plan(absent(), target(podIdentityEdit(), false));

    assertThat(kinds(plan)).containsExactly("CreateRole", "PutRolePolicy");
    CreateRole create = (CreateRole) plan.changes().get(0);
    assertThat(create.role().name()).isEqualTo("spaces-billing");
    assertThat(create.role().path()).isEqualTo("/");
    assertThat(create.role().tags()).containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE)
        .containsEntry(Ownership.CLUSTER_TAG_KEY, "spaces-prod");
    assertThat(Ownership.isOwned(create.role().tags())).isTrue();
    assertThat(PolicyDocument.parse(create.role().trustPolicyJson()).statements()).containsExactly(POD);
    PutRolePolicy put = (PutRolePolicy) plan.changes().get(1);
    assertThat(put.roleName()).isEqualTo("spaces-billing");
    assertThat(put.policyName()).isEqualTo("billing-identity-s3");
    assertThat(put.policy().isEquivalentTo(S3)).isTrue();
    assertThat(plan.desiredTrust()).isEqualTo(PolicyDocument.of(POD));
    assertThat(plan.capacity().size()).isEqualTo(PolicyDocument.of(POD).size());
  }

  @Test
  void anAbsentRoleWithNothingToTrustIsNotCreated() {
    RolePlan plan = RolePlanner.plan(absent(),
        target(new ReplaceOwnedStatements(BillingPolicies.POD_IDENTITY_SID, List.of()), false));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).singleElement(InstanceOfAssertFactories.STRING)
        .contains("spaces-billing").contains("not created yet");
  }

  @Test
  void anOwnedRoleWithTheDesiredTrustAndPolicyNeedsNoChange() {
    RolePlan plan = RolePlanner.plan(existing(OWNED, trust(FOREIGN, POD), S3), target(podIdentityEdit(), false));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.desiredTrust()).isEqualTo(trust(FOREIGN, POD));
  }

  @Test
  void aPolicyThatIsEquivalentButWrittenDifferentlyNeedsNoChange() {
    PolicyDocument reordered = PolicyDocument.parse("""
        {"Version":"2012-10-17","Statement":[{"Sid":"WrittenByHand","Effect":"Allow",
          "Resource":["arn:aws:s3:::acme-billing/*","arn:aws:s3:::acme-billing"],
          "Action":["s3:DeleteObject","s3:ListBucket","s3:PutObject","s3:GetObject"]}]}
        """);
    assertThat(reordered).isNotEqualTo(S3);

    RolePlan plan = RolePlanner.plan(existing(OWNED, trust(POD), reordered), target(podIdentityEdit(), false));

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void aMissingOrNarrowerPolicyIsPut() {
    PolicyDocument guidePod = PolicyDocument.parse(TestResources.text("guide/pod-identity-s3-permission-policy.json"));

    assertThat(kinds(RolePlanner.plan(existing(OWNED, trust(POD), null), target(podIdentityEdit(), false))))
        .containsExactly("PutRolePolicy");
    assertThat(kinds(RolePlanner.plan(existing(OWNED, trust(POD), guidePod), target(podIdentityEdit(), false))))
        .containsExactly("PutRolePolicy");
  }

  @Test
  void aTrustWithoutTheLibrarysStatementIsUpdatedAndKeepsTheForeignOnes() {
    PolicyDocument current = trust(FOREIGN);

    RolePlan plan = RolePlanner.plan(existing(OWNED, current, S3), target(podIdentityEdit(), false));

    assertThat(kinds(plan)).containsExactly("UpdateTrustPolicy");
    UpdateTrustPolicy update = (UpdateTrustPolicy) plan.changes().get(0);
    assertThat(update.roleName()).isEqualTo("spaces-billing");
    assertThat(update.quota()).isEqualTo(2048);
    assertThat(update.edit()).isEqualTo(podIdentityEdit());
    assertThat(plan.desiredTrust().statements()).containsExactly(FOREIGN, POD);
    assertThat(plan.desiredTrust().toJson()).contains(FOREIGN.toString()).contains("\"acme:ratio\":1.50");
  }

  @Test
  void replaceOwnedStatementsReplacesAnOutdatedOwnStatementInPlaceAndKeepsForeignStatements() {
    Statement outdated = BillingPolicies.podIdentityStatement(RoleFixtures.ACCOUNT,
        "arn:aws:eks:us-east-1:123456789012:cluster/old-cluster");
    PolicyDocument current = trust(FOREIGN, outdated, RoleFixtures.OTHER_WRITER);

    RolePlan plan = RolePlanner.plan(existing(OWNED, current, S3), target(podIdentityEdit(), false));

    assertThat(kinds(plan)).containsExactly("UpdateTrustPolicy");
    assertThat(plan.desiredTrust().statements()).containsExactly(FOREIGN, POD, RoleFixtures.OTHER_WRITER);
    assertThat(podIdentityEdit().applyTo(plan.desiredTrust())).as("the edit is idempotent").isEqualTo(plan.desiredTrust());
  }

  @Test
  void aRoleTheLibraryDidNotCreateIsRefused() {
    RoleObservation foreign = existing(Map.of("team", "platform"), trust(FOREIGN), null);

    assertThatThrownBy(() -> RolePlanner.plan(foreign, target(podIdentityEdit(), false)))
        .isInstanceOf(RoleNotOwnedException.class)
        .hasMessageContaining("role 'spaces-billing' exists and is not managed by billing-identity")
        .hasMessageContaining("adoptExistingRole(true)");
  }

  @Test
  void theOwnershipTagNeedsItsValue() {
    RoleObservation lookalike = existing(Map.of(Ownership.TAG_KEY, "someone-else"), trust(POD), S3);

    assertThat(lookalike.owned()).isFalse();
    assertThatThrownBy(() -> RolePlanner.plan(lookalike, target(podIdentityEdit(), false)))
        .isInstanceOf(RoleNotOwnedException.class);
  }

  @Test
  void anAdoptedRoleIsTaggedFirstThenBroughtToTheTarget() {
    RoleObservation foreign = existing(Map.of("team", "platform"), trust(FOREIGN), null);

    RolePlan plan = RolePlanner.plan(foreign, target(podIdentityEdit(), true));

    assertThat(kinds(plan)).containsExactly("AdoptRole", "UpdateTrustPolicy", "PutRolePolicy");
    AdoptRole adopt = (AdoptRole) plan.changes().get(0);
    assertThat(adopt.roleName()).isEqualTo("spaces-billing");
    assertThat(adopt.tags()).isEqualTo(Ownership.tags("spaces-prod"));
    assertThat(plan.desiredTrust().statements()).containsExactly(FOREIGN, POD);
  }

  @Test
  void anAdoptedRoleThatIsAlreadyRightIsOnlyTagged() {
    RoleObservation foreign = existing(Map.of(), trust(POD, FOREIGN), S3);

    assertThat(kinds(RolePlanner.plan(foreign, target(podIdentityEdit(), true)))).containsExactly("AdoptRole");
  }

  @Test
  void aTrustThatWouldBeLeftEmptyIsKeptAsIs() {
    RolePlan plan = RolePlanner.plan(existing(OWNED, trust(POD), S3),
        target(new ReplaceOwnedStatements(BillingPolicies.POD_IDENTITY_SID, List.of()), false));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).singleElement(InstanceOfAssertFactories.STRING).contains("kept as is");
  }

  @Test
  void theLibraryOnlyEditsStatementsWithItsOwnSidPrefix() {
    assertThatThrownBy(() -> new ReplaceOwnedStatements("Ci", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
