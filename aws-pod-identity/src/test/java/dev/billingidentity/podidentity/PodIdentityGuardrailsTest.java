package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role's guardrails under Pod Identity: the same findings and repairs as IRSA's, through its own verifier. */
class PodIdentityGuardrailsTest {
  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
  private static final PodIdentitySettings GUARDED = Fixtures.settings()
      .role(IamRole.builder().name(Fixtures.ROLE).permissionsBoundary(BOUNDARY).putTags("team", "billing").build())
      .build();

  private static Finding finding(VerificationReport report, String check) {
    return report.about("role").stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow(
        () -> new AssertionError("no role " + check + " finding in\n" + report.render()));
  }

  @Test
  void theRoleIsCreatedWithItsBoundaryAndTagsAndTheirDriftIsFoundAndRepaired() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    Fixtures.podIdentity(space, GUARDED).apply();
    assertThat(space.aws().role(Fixtures.ROLE).orElseThrow().permissionsBoundary()).contains(BOUNDARY);

    space.aws().deleteRolePermissionsBoundary(Fixtures.ROLE);
    space.aws().tagRole(Fixtures.ROLE, Map.of("team", "payments", "owner", "finance"));
    VerificationReport drifted = Fixtures.podIdentity(space, GUARDED).verify();

    assertThat(finding(drifted, "permissions-boundary").state()).isEqualTo(FindingState.MISSING);
    assertThat(finding(drifted, "tags").state()).isEqualTo(FindingState.DRIFTED);
    assertThat(drifted.isHealthy()).isFalse();

    space.aws().calls().reset();
    ApplyResult without = Fixtures.podIdentity(space, GUARDED).apply();
    assertThat(without.applied()).extracting(c -> c.kind()).containsExactly("UpdateRoleTags");
    assertThat(space.aws().calls().count("PutRolePermissionsBoundary")).isZero();
    assertThat(finding(without.verification(), "permissions-boundary").isOk()).isFalse();

    ApplyResult with = Fixtures.podIdentity(space, GUARDED.withRepairPermissionsBoundary(true)).apply();
    assertThat(with.applied()).extracting(c -> c.kind()).containsExactly("PutRolePermissionsBoundary");
    assertThat(finding(with.verification(), "permissions-boundary").isOk()).isTrue();
    assertThat(finding(with.verification(), "tags").isOk()).isTrue();
    assertThat(space.aws().role(Fixtures.ROLE).orElseThrow().tags()).containsEntry("team", "billing")
        .containsEntry("owner", "finance").containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE);
  }
}
