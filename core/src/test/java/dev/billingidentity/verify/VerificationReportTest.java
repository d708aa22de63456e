package dev.billingidentity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What "healthy" means: every finding OK, or only pending; a check that could not be made is never OK. */
class VerificationReportTest {
  @ParameterizedTest
  @EnumSource(value = FindingState.class, names = {"UNKNOWN", "INCOMPATIBLE"})
  void aFindingThatIsUnknownOrIncompatibleKeepsTheReportFromBeingHealthy(FindingState state) {
    VerificationReport report = new VerificationReport(List.of(
        Finding.ok("role", "exists", "spaces-billing"),
        Finding.problem("mxp-a-system", "vector-version", state, "vector's release", "a newer vector")));

    assertThat(report.isHealthy()).isFalse();
    assertThat(report.drift()).extracting(Finding::state).containsExactly(state);
    assertThat(report.render()).startsWith("verified: 1 problem(s)").contains(state.name());
    assertThat(report.toJson().path("healthy").asBoolean()).isFalse();
  }

  @Test
  void onlyOkAndPendingFindingsAreHealthy() {
    assertThat(new VerificationReport(List.of(Finding.ok("role", "exists", "spaces-billing"),
        Finding.problem("ctp", "provisioned", FindingState.PENDING, "not yet", "wait"))).isHealthy()).isTrue();
    for (FindingState state : FindingState.values()) {
      if (state != FindingState.OK && state != FindingState.PENDING) {
        assertThat(new VerificationReport(List.of(Finding.problem("x", "y", state, "d", "r"))).isHealthy())
            .as(state.name()).isFalse();
      }
    }
  }
}
