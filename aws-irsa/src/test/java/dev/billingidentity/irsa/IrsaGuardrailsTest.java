package dev.billingidentity.irsa;

import static dev.billingidentity.irsa.IrsaApplyTest.irsa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The role's guardrails under IRSA, end to end against the in-memory fakes: created with the role, found when they
 * drift, and repaired by apply within their limits (the permissions boundary only with the opt-in, tags only those
 * the settings name).
 */
class IrsaGuardrailsTest {
  static final String BOUNDARY = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
  static final IrsaSettings GUARDED = IrsaSettings.builder()
      .cluster(FakeSpace.CLUSTER)
      .role(IamRole.builder().name("spaces-billing").permissionsBoundary(BOUNDARY)
          .putTags("team", "billing").putTags("cost-center", "42").maxSessionDurationSeconds(7200)
          .description("Billing of our Spaces; owner platform-team").build())
      .storage(BillingStorage.s3("us-east-1", "acme-billing"))
      .build();

  private static RoleInfo role(FakeSpace space) {
    return space.aws().role("spaces-billing").orElseThrow();
  }

  private static Finding finding(List<Finding> findings, String check) {
    return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
  }

  private static List<String> kinds(Plan plan) {
    return plan.changes().stream().map(Change::kind).toList();
  }

  @Test
  void aRoleCreatedWithGuardrailsCarriesThemAndTheNextApplyWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();

    irsa(space, GUARDED).apply();
    ApplyResult second = irsa(space, GUARDED).apply();

    RoleInfo role = role(space);
    assertThat(role.permissionsBoundary()).contains(BOUNDARY);
    assertThat(role.maxSessionDurationSeconds()).isEqualTo(7200);
    assertThat(role.description()).contains("Billing of our Spaces; owner platform-team");
    assertThat(role.tags()).containsEntry("team", "billing").containsEntry("cost-center", "42")
        .containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE)
        .containsEntry(Ownership.CLUSTER_TAG_KEY, FakeSpace.CLUSTER);
    assertThat(second.calls().writes()).isZero();
    assertThat(second.verification().about("role")).filteredOn(f -> !f.check().equals("exists")
        && !f.check().equals("owned")).extracting(Finding::check).contains("permissions-boundary", "tags",
        "max-session-duration", "description");
    assertThat(second.verification().about("role")).allMatch(Finding::isOk);
  }

  @Test
  void aBoundaryRemovedOutOfBandIsFoundAndRestoredOnlyWithTheOptIn() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    irsa(space, GUARDED).apply();
    space.aws().deleteRolePermissionsBoundary("spaces-billing");
    space.aws().calls().reset();

    Finding found = finding(irsa(space, GUARDED).verify().about("role"), "permissions-boundary");
    Plan plan = irsa(space, GUARDED).plan();
    ApplyResult without = irsa(space, GUARDED).apply();

    assertThat(found.state()).isEqualTo(FindingState.MISSING);
    assertThat(found.remedy()).contains("--repair-permissions-boundary");
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("has no permissions boundary")
        .contains("repairPermissionsBoundary").contains("put-role-permissions-boundary"));
    assertThat(space.aws().calls().count("PutRolePermissionsBoundary")).isZero();
    assertThat(without.calls().writes()).isZero();
    assertThat(role(space).permissionsBoundary()).isEmpty();
    assertThat(finding(without.verification().about("role"), "permissions-boundary").isOk()).isFalse();

    IrsaSettings optedIn = GUARDED.withRepairPermissionsBoundary(true);
    ApplyResult with = irsa(space, optedIn).apply();

    assertThat(kinds(with.plan())).containsExactly("PutRolePermissionsBoundary");
    assertThat(space.aws().calls().count("PutRolePermissionsBoundary")).isEqualTo(1);
    assertThat(role(space).permissionsBoundary()).contains(BOUNDARY);
    assertThat(finding(with.verification().about("role"), "permissions-boundary").isOk()).isTrue();
    assertThat(irsa(space, optedIn).apply().calls().writes()).isZero();
  }

  @Test
  void aBoundaryTheSettingsNoLongerNameIsRemovedOnlyWithTheOptIn() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    irsa(space, GUARDED).apply();
    IrsaSettings unbounded = GUARDED.withRole(IamRole.builder().from(GUARDED.role()).permissionsBoundary(
        java.util.Optional.empty()).build());

    assertThat(irsa(space, unbounded).apply().calls().writes()).isZero();
    assertThat(role(space).permissionsBoundary()).contains(BOUNDARY);

    ApplyResult removed = irsa(space, unbounded.withRepairPermissionsBoundary(true)).apply();

    assertThat(kinds(removed.plan())).containsExactly("DeleteRolePermissionsBoundary");
    assertThat(role(space).permissionsBoundary()).isEmpty();
  }

  @Test
  void tagDriftIsRepairedWithoutTouchingForeignTagsOrTheOwnershipTags() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    irsa(space, GUARDED).apply();
    space.aws().tagRole("spaces-billing", Map.of("team", "payments", "owner", "finance", "Cost-Center", "7"));
    space.aws().untagRole("spaces-billing", List.of("cost-center"));

    Finding found = finding(irsa(space, GUARDED).verify().about("role"), "tags");
    ApplyResult repaired = irsa(space, GUARDED).apply();

    assertThat(found.state()).isEqualTo(FindingState.DRIFTED);
    assertThat(found.detail()).contains("team (is 'payments', not 'billing')").contains("cost-center (missing)");
    assertThat(kinds(repaired.plan())).containsExactly("UpdateRoleTags");
    assertThat(role(space).tags()).containsOnly(Map.entry("team", "billing"), Map.entry("cost-center", "42"),
        Map.entry("owner", "finance"), Map.entry(Ownership.TAG_KEY, Ownership.TAG_VALUE),
        Map.entry(Ownership.CLUSTER_TAG_KEY, FakeSpace.CLUSTER));
    assertThat(finding(repaired.verification().about("role"), "tags").isOk()).isTrue();
  }

  @Test
  void aChangedDescriptionAndSessionDurationAreSetBackWithOneUpdateRole() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    irsa(space, GUARDED).apply();
    space.aws().updateRole("spaces-billing", "edited in the console", 3600);

    assertThat(irsa(space, GUARDED).verify().about("role")).filteredOn(f -> !f.isOk()).extracting(Finding::check)
        .containsExactly("max-session-duration", "description");
    ApplyResult repaired = irsa(space, GUARDED).apply();

    assertThat(kinds(repaired.plan())).containsExactly("UpdateRole");
    assertThat(role(space).maxSessionDurationSeconds()).isEqualTo(7200);
    assertThat(role(space).description()).contains("Billing of our Spaces; owner platform-team");
  }
}
