package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code demo}, the README's first command: the whole guide against a sandbox, for both modes. */
class DemoCommandTest {
  @Test
  void runsTheGuideForBothModesAndEndsHealthy() {
    CliRun run = CliRun.of("demo", "--control-planes", "2");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("=== IRSA", "=== EKS Pod Identity")
        .contains("$ billing-identity apply --yes $OPTS", "# helm upgrade, played by the sandbox")
        .contains("+ create pod identity association")
        .contains("restart deployment/vector")
        .contains("demo finished: both modes verified healthy");
    // Each mode's last step is a verify with --detailed-exitcode that exits 0.
    assertThat(run.out().split("verify --detailed-exitcode \\$OPTS\nverified: healthy")).hasSize(3);
  }

  @Test
  void aControlPlaneCountOutOfRangeIsInvalidInput() {
    CliRun run = CliRun.of("demo", "--control-planes", "0");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("--control-planes").contains("between 1 and 100");
  }
}
