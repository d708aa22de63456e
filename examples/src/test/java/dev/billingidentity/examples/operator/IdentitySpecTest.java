package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code BillingIdentity}'s spec as settings: every problem at once, each naming the spec's field. */
class IdentitySpecTest {

  private static List<String> fieldsOfProblems(Map<String, Object> spec) {
    try {
      IdentitySpec.parse(spec);
    } catch (InvalidInputException e) {
      return e.problems().stream().map(Problem::field).toList();
    }
    throw new AssertionError("accepted: " + spec);
  }

  @Test
  void readsEveryOptionIntoTheModesSettings() {
    Map<String, Object> spec = SpaceReconcilerTest.spec("irsa");
    spec.put("accountId", "123456789012");
    spec.put("trustPolicyQuota", 4096);
    spec.put("allowHostNamespacePattern", true);
    spec.put("prune", false);
    spec.put("roleTags", Map.of("cost-center", "42"));
    spec.put("maxSessionDurationSeconds", 7200);
    spec.put("controlPlanes", Map.of("groups", List.of("team-a", "team-b")));
    spec.put("deletionPolicy", "Delete");

    IdentitySpec parsed = IdentitySpec.parse(spec);

    assertThat(parsed.settings()).isInstanceOfSatisfying(IrsaSettings.class, s -> {
      assertThat(s.allowHostNamespacePattern()).isTrue();
      assertThat(s.trustPolicyQuota()).isEqualTo(4096);
      assertThat(s.prune()).isFalse();
      assertThat(s.role().tags()).containsEntry("cost-center", "42");
      assertThat(s.account()).isPresent();
    });
    assertThat(parsed.controlPlanes().groups()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(parsed.deletionPolicy()).isEqualTo(DeletionPolicy.DELETE);
    assertThat(IdentitySpec.parse(SpaceReconcilerTest.spec("pod-identity")).settings())
        .isInstanceOf(PodIdentitySettings.class);
    assertThat(IdentitySpec.parse(SpaceReconcilerTest.spec("pod-identity")).deletionPolicy())
        .isEqualTo(DeletionPolicy.RETAIN);
  }

  @Test
  void everyProblemIsReportedAtOnceUnderTheSpecsFieldNames() {
    Map<String, Object> spec = SpaceReconcilerTest.spec("pod-identity");
    spec.put("roleName", "has spaces");
    spec.put("bucket", "UPPER");
    spec.put("prune", "yes");
    spec.put("oidcIssuer", "https://oidc.example");
    spec.put("controlPlanes", Map.of("all", true, "groups", List.of("team-a")));
    spec.put("deletionPolicy", "Orphan");
    spec.put("regoin", "us-east-1");

    assertThat(fieldsOfProblems(spec)).contains("spec.roleName", "spec.bucket", "spec.prune", "spec.oidcIssuer",
        "spec.controlPlanes", "spec.deletionPolicy", "spec.regoin");
  }

  @Test
  void theRequiredFieldsAndTheModeAreNamed() {
    assertThat(fieldsOfProblems(Map.of())).contains("spec.mode");
    assertThat(fieldsOfProblems(Map.of("mode", "irsa"))).contains("spec.cluster", "spec.roleName", "spec.bucket",
        "spec.region");
    assertThatThrownBy(() -> IdentitySpec.parse(null)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("spec");
    assertThat(fieldsOfProblems(Map.of("mode", "static-keys"))).contains("spec.mode");
  }
}
