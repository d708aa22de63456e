package dev.billingidentity.role;

import static dev.billingidentity.role.RoleFixtures.POD;
import static dev.billingidentity.role.RoleFixtures.STORAGE;
import static dev.billingidentity.role.RoleFixtures.podIdentityEdit;
import static dev.billingidentity.role.RoleFixtures.trust;
import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Change;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The role's guardrails: created with the role, compared with what IAM holds, and repaired within their limits. */
class RoleGuardrailsTest {
  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
  private static final String OTHER_BOUNDARY = "arn:aws:iam::123456789012:policy/OldBoundary";
  private static final PolicyDocument S3 = BillingPolicies.s3Access(STORAGE);
  private static final IamRole GUARDED = IamRole.builder().name("spaces-billing").permissionsBoundary(BOUNDARY)
      .putTags("team", "billing").putTags("cost-center", "42").maxSessionDurationSeconds(7200)
      .description("billing of Spaces, owned by platform").build();

  private static RoleTarget target(IamRole role, boolean repairBoundary) {
    return new RoleTarget(role, "spaces-prod", "billing role for spaces-prod", "billing-identity-s3", S3,
        podIdentityEdit(), 2048, RoleFixtures::capacity, false, repairBoundary);
  }

  private static RoleObservation absent() {
    return new RoleObservation(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The library's role as IAM holds it, with the desired trust and policy, so only guardrails can differ. */
  private static RoleObservation existing(Map<String, String> extraTags, Optional<String> boundary, int session,
      Optional<String> description) {
    Map<String, String> tags = new HashMap<>(Ownership.tags("spaces-prod"));
    tags.putAll(extraTags);
    PolicyDocument trust = trust(POD);
    RoleInfo role = new RoleInfo("spaces-billing", "/", "arn:aws:iam::123456789012:role/spaces-billing",
        trust.toJson(), tags, boundary, session, description);
    return new RoleObservation(Optional.of(role), Optional.of(trust), Optional.of(S3));
  }

  private static RoleObservation asSet() {
    return existing(Map.of("team", "billing", "cost-center", "42"), Optional.of(BOUNDARY), 7200,
        Optional.of("billing of Spaces, owned by platform"));
  }

  private static List<String> kinds(RolePlan plan) {
    return plan.changes().stream().map(Change::kind).toList();
  }

  private static PodIdentitySettings settings(IamRole role, boolean repairBoundary) {
    return PodIdentitySettings.builder().cluster("spaces-prod").role(role).storage(STORAGE)
        .repairPermissionsBoundary(repairBoundary).build();
  }

  @Test
  void aNewRoleIsCreatedWithEveryGuardrailAndTheLibrarysTags() {
    RolePlan plan = RolePlanner.plan(absent(), target(GUARDED, false));

    CreateRole create = (CreateRole) plan.changes().get(0);
    assertThat(create.role().permissionsBoundary()).contains(BOUNDARY);
    assertThat(create.role().maxSessionDurationSeconds()).hasValue(7200);
    assertThat(create.role().description()).isEqualTo("billing of Spaces, owned by platform");
    assertThat(create.role().tags()).containsOnly(Map.entry("team", "billing"), Map.entry("cost-center", "42"),
        Map.entry(Ownership.TAG_KEY, Ownership.TAG_VALUE), Map.entry(Ownership.CLUSTER_TAG_KEY, "spaces-prod"));
    assertThat(create.describe()).contains("permissions boundary " + BOUNDARY).contains("max session 7200 s");
    assertThat(create.toJson().path("permissionsBoundary").asText()).isEqualTo(BOUNDARY);
    assertThat(create.toJson().path("maxSessionDurationSeconds").asInt()).isEqualTo(7200);
  }

  @Test
  void aNewRoleWithoutGuardrailsGetsTheLibrarysDescriptionAndNoBoundary() {
    RolePlan plan = RolePlanner.plan(absent(), target(RoleFixtures.ROLE, false));

    CreateRole create = (CreateRole) plan.changes().get(0);
    assertThat(create.role().permissionsBoundary()).isEmpty();
    assertThat(create.role().maxSessionDurationSeconds()).isEmpty();
    assertThat(create.role().description()).isEqualTo("billing role for spaces-prod");
  }

  @Test
  void aRoleAsTheSettingsNameItNeedsNoChangeAndIsFoundOk() {
    assertThat(RolePlanner.plan(asSet(), target(GUARDED, true)).changes()).isEmpty();

    assertThat(RoleFindings.guardrails(asSet(), settings(GUARDED, false))).extracting(Finding::check)
        .containsExactly("permissions-boundary", "tags", "max-session-duration", "description");
    assertThat(RoleFindings.guardrails(asSet(), settings(GUARDED, false))).allMatch(Finding::isOk);
  }

  @Test
  void aMissingBoundaryIsANoteAndAFindingButNoChangeWithoutTheOptIn() {
    RoleObservation removed = existing(Map.of("team", "billing", "cost-center", "42"), Optional.empty(), 7200,
        Optional.of("billing of Spaces, owned by platform"));

    RolePlan plan = RolePlanner.plan(removed, target(GUARDED, false));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).singleElement(InstanceOfAssertFactories.STRING)
        .contains("role spaces-billing has no permissions boundary; the settings name " + BOUNDARY)
        .contains("repairPermissionsBoundary")
        .contains("aws iam put-role-permissions-boundary --role-name spaces-billing --permissions-boundary "
            + BOUNDARY);
    assertThat(RoleFindings.guardrails(removed, settings(GUARDED, false)))
        .filteredOn(f -> f.check().equals("permissions-boundary")).singleElement().satisfies(f -> {
          assertThat(f.state()).isEqualTo(FindingState.MISSING);
          assertThat(f.remedy()).contains("--repair-permissions-boundary").contains("put-role-permissions-boundary");
        });
  }

  @Test
  void withTheOptInAMissingOrDifferentBoundaryIsPut() {
    RoleObservation removed = existing(Map.of("team", "billing", "cost-center", "42"), Optional.empty(), 7200,
        Optional.of("billing of Spaces, owned by platform"));
    RoleObservation other = existing(Map.of("team", "billing", "cost-center", "42"), Optional.of(OTHER_BOUNDARY),
        7200, Optional.of("billing of Spaces, owned by platform"));

    RolePlan restore = RolePlanner.plan(removed, target(GUARDED, true));
    RolePlan replace = RolePlanner.plan(other, target(GUARDED, true));

    assertThat(restore.changes()).singleElement()
        .isEqualTo(new PutRolePermissionsBoundary("spaces-billing", BOUNDARY, Optional.empty()));
    assertThat(replace.changes()).singleElement()
        .isEqualTo(new PutRolePermissionsBoundary("spaces-billing", BOUNDARY, Optional.of(OTHER_BOUNDARY)));
    assertThat(replace.changes().get(0).describe()).contains("(was " + OTHER_BOUNDARY + ")");
    assertThat(RoleFindings.guardrails(other, settings(GUARDED, true)).get(0)).satisfies(f -> {
      assertThat(f.state()).isEqualTo(FindingState.DRIFTED);
      assertThat(f.remedy()).isEqualTo("apply()");
    });
  }

  @Test
  void aBoundaryTheSettingsDoNotNameIsLeftWithoutTheOptInAndRemovedWithIt() {
    IamRole unbounded = IamRole.named("spaces-billing");
    RoleObservation bounded = existing(Map.of(), Optional.of(OTHER_BOUNDARY), 3600, Optional.empty());

    assertThat(RolePlanner.plan(bounded, target(unbounded, false)).changes()).isEmpty();
    assertThat(RolePlanner.plan(bounded, target(unbounded, false)).notes()).isEmpty();
    assertThat(RoleFindings.guardrails(bounded, settings(unbounded, false))).isEmpty();
    assertThat(RolePlanner.plan(bounded, target(unbounded, true)).changes()).singleElement()
        .isEqualTo(new DeleteRolePermissionsBoundary("spaces-billing", OTHER_BOUNDARY));
    assertThat(RoleFindings.guardrails(bounded, settings(unbounded, true))).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo(FindingState.DRIFTED));
  }

  @Test
  void tagDriftIsRepairedForTheNamedTagsOnlyAndForeignAndOwnershipTagsAreNotTouched() {
    RoleObservation drifted = existing(Map.of("team", "payments", "owner", "someone-else", "Cost-Center", "42"),
        Optional.of(BOUNDARY), 7200, Optional.of("billing of Spaces, owned by platform"));

    RolePlan plan = RolePlanner.plan(drifted, target(GUARDED, false));

    assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(UpdateRoleTags.class, t -> {
      assertThat(t.set()).containsOnly(Map.entry("team", "billing"), Map.entry("cost-center", "42"));
      assertThat(t.remove()).containsExactly("Cost-Center");
    });
    assertThat(plan.changes().get(0).describe())
        .isEqualTo("~ role spaces-billing: untag Cost-Center (the same key in another case); "
            + "tag cost-center=42, team=billing");
    assertThat(RoleFindings.guardrails(drifted, settings(GUARDED, false)))
        .filteredOn(f -> f.check().equals("tags")).singleElement().satisfies(f -> {
          assertThat(f.state()).isEqualTo(FindingState.DRIFTED);
          assertThat(f.detail()).contains("team (is 'payments', not 'billing')").contains("cost-center (missing)")
              .contains("Cost-Center (the key cost-center spelt in another case)").doesNotContain("owner");
        });
  }

  @Test
  void aDriftedDescriptionOrSessionIsOneUpdateRoleThatKeepsWhatTheSettingsDoNotName() {
    IamRole sessionOnly = IamRole.builder().name("spaces-billing").maxSessionDurationSeconds(7200).build();
    IamRole descriptionOnly = IamRole.builder().name("spaces-billing").description("new").build();
    RoleObservation current = existing(Map.of(), Optional.empty(), 3600, Optional.of("chosen by someone"));

    assertThat(RolePlanner.plan(current, target(sessionOnly, false)).changes()).singleElement()
        .isEqualTo(new UpdateRole("spaces-billing", "chosen by someone", 7200));
    assertThat(RolePlanner.plan(current, target(descriptionOnly, false)).changes()).singleElement()
        .isEqualTo(new UpdateRole("spaces-billing", "new", 3600));
    assertThat(RolePlanner.plan(existing(Map.of(), Optional.empty(), 7200, Optional.empty()),
        target(sessionOnly, false)).changes()).isEmpty();
    assertThat(RoleFindings.guardrails(current, settings(sessionOnly, false))).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("max-session-duration");
      assertThat(f.detail()).contains("is 3600 s, not 7200 s");
    });
  }

  @Test
  void nothingTheSettingsDoNotNameIsComparedOrChanged() {
    RoleObservation someoneElses = existing(Map.of("owner", "x"), Optional.of(OTHER_BOUNDARY), 43_200,
        Optional.of("theirs"));

    assertThat(kinds(RolePlanner.plan(someoneElses, target(RoleFixtures.ROLE, false)))).isEmpty();
    assertThat(RoleFindings.guardrails(someoneElses, settings(RoleFixtures.ROLE, false))).isEmpty();
  }

  @Test
  void anAdoptedRoleIsTaggedTheLibrarysThenGetsItsGuardrails() {
    PolicyDocument trust = trust(POD);
    RoleInfo theirs = new RoleInfo("spaces-billing", "/", "arn:aws:iam::123456789012:role/spaces-billing",
        trust.toJson(), Map.of("owner", "x"), Optional.empty(), 3600, Optional.empty());
    RoleTarget adopt = new RoleTarget(GUARDED, "spaces-prod", "d", "billing-identity-s3", S3, podIdentityEdit(),
        2048, RoleFixtures::capacity, true, true);

    RolePlan plan = RolePlanner.plan(new RoleObservation(Optional.of(theirs), Optional.of(trust), Optional.of(S3)),
        adopt);

    assertThat(kinds(plan)).containsExactly("AdoptRole", "UpdateRoleTags", "UpdateRole", "PutRolePermissionsBoundary");
  }
}
