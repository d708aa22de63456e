package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import dev.billingidentity.workload.VectorVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * verify() in Pod Identity mode reads the release of vector each host namespace runs: a vector before 0.46.0 cannot
 * use Pod Identity's credentials (its AWS SDK refuses the agent's address) and writes nothing, so the Space is not
 * healthy however right the plumbing is.
 */
class PodIdentityVectorVersionTest {
  private static final String OLD = "timberio/vector:0.43.1-distroless-libc";
  private static final String NEW = "timberio/vector:0.47.0-distroless-libc";

  private static Finding vectorVersion(VerificationReport report, String ns) {
    return report.about(ns).stream().filter(f -> f.check().equals("vector-version")).findFirst().orElseThrow(
        () -> new AssertionError("no vector-version finding for " + ns + " in\n" + report.render()));
  }

  /** Pod Identity applied and every pod restarted onto it: all that is left is what vector itself can do. */
  private static BillingIdentity appliedAndRestarted(FakeSpace space, BillingIdentity podIdentity) {
    podIdentity.apply();
    podIdentity.restartStale();
    return podIdentity;
  }

  @Test
  void aVectorOlderThanTheMinimumIsNeverHealthyAndTheFindingNamesItsReleaseAndTheRemedy() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    String old = space.hostNamespaces().get(0);
    String current = space.hostNamespaces().get(1);
    space.cluster().setImage(old, OLD);
    BillingIdentity podIdentity = appliedAndRestarted(space, Fixtures.podIdentity(space));

    VerificationReport report = podIdentity.verify();

    assertThat(report.isHealthy()).as(report.render()).isFalse();
    assertThat(report.drift()).as("the plumbing is right: only vector's release is wrong").singleElement()
        .isEqualTo(vectorVersion(report, old));
    Finding finding = vectorVersion(report, old);
    assertThat(finding.state()).isEqualTo(FindingState.INCOMPATIBLE);
    assertThat(finding.detail()).contains("vector 0.43.1").contains(OLD).contains("older than 0.46.0")
        .contains("deployment/vector -n " + old + " (pod template)").contains("pod " + old + "/")
        .contains("http://169.254.170.23/v1/credentials");
    assertThat(finding.remedy()).contains("upgrade vector to 0.46.0 or later")
        .contains("controlPlanes.vector.version").contains("IRSA");
    assertThat(vectorVersion(report, current).state()).isEqualTo(FindingState.OK);
    assertThat(vectorVersion(report, current).detail()).contains("vector 0.47.0");
    assertThat(report.render()).contains("INCOMPATIBLE").contains("0.43.1");
  }

  @Test
  void upgradingVectorMakesTheSpaceHealthy() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    String ns = space.hostNamespaces().get(0);
    space.cluster().setImage(ns, OLD);
    BillingIdentity podIdentity = appliedAndRestarted(space, Fixtures.podIdentity(space));
    assertThat(podIdentity.verify().isHealthy()).isFalse();

    space.cluster().setImage(ns, NEW); // the Space's helm upgrade with controlPlanes.vector.version=0.47.0

    VerificationReport report = podIdentity.verify();
    assertThat(report.isHealthy()).as(report.render()).isTrue();
  }

  @Test
  void aPodStillOnTheOldImageDuringARolloutIsFoundAndTheRemedyIsToFinishTheRollout() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    String ns = space.hostNamespaces().get(0);
    space.cluster().setImage(ns, OLD);
    BillingIdentity podIdentity = appliedAndRestarted(space, Fixtures.podIdentity(space));
    WorkloadRef vector = space.vector(ns);
    space.cluster().stuck(vector, true);
    space.cluster().setImage(ns, NEW); // the template is upgraded, the rollout does not reach the pod

    VerificationReport during = podIdentity.verify();

    Finding finding = vectorVersion(during, ns);
    assertThat(during.isHealthy()).as(during.render()).isFalse();
    assertThat(finding.state()).isEqualTo(FindingState.INCOMPATIBLE);
    assertThat(finding.detail()).contains("pod " + ns + "/").contains("vector 0.43.1")
        .doesNotContain("(pod template)");
    assertThat(finding.remedy()).contains("let the rollout finish").contains("deployment/vector -n " + ns);

    space.cluster().stuck(vector, false);
    space.cluster().restart(vector, Instant.now());
    VerificationReport after = podIdentity.verify();
    assertThat(after.isHealthy()).as(after.render()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"timberio/vector:latest", "timberio/vector", "timberio/vector:nightly-debian",
      "timberio/vector@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "acme/billing-agent:1.2.3"})
  void aReleaseTheImageDoesNotTellIsUnknownAndNeverHealthy(String image) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    String ns = space.hostNamespaces().get(0);
    space.cluster().setImage(ns, image);
    BillingIdentity podIdentity = appliedAndRestarted(space, Fixtures.podIdentity(space));

    VerificationReport report = podIdentity.verify();

    Finding finding = vectorVersion(report, ns);
    assertThat(finding.state()).isEqualTo(FindingState.UNKNOWN);
    assertThat(finding.detail()).contains(image).contains("0.46.0 or later");
    assertThat(finding.remedy()).contains("tagged with its release");
    assertThat(report.isHealthy()).as(report.render()).isFalse();
    assertThat(report.drift()).containsExactly(finding);
  }

  @Test
  void theMinimumIsTheSettingsOwn() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    String ns = space.hostNamespaces().get(0);
    space.cluster().setImage(ns, OLD);
    BillingIdentity lowered = appliedAndRestarted(space, Fixtures.podIdentity(space,
        Fixtures.settings().minimumVectorVersionForPodIdentity(new VectorVersion(0, 43, 0)).build()));
    BillingIdentity raised = Fixtures.podIdentity(space,
        Fixtures.settings().minimumVectorVersionForPodIdentity("0.44.0").build());

    assertThat(lowered.verify().isHealthy()).as(lowered.verify().render()).isTrue();
    assertThat(vectorVersion(raised.verify(), ns).detail()).contains("older than 0.44.0");
  }
}
