package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** verify(): per control plane and for the whole, with the remedy of each problem. */
class PodIdentityVerifyTest {

  private static Finding finding(VerificationReport report, String subject, String check) {
    return report.about(subject).stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow(
        () -> new AssertionError("no " + check + " finding for " + subject + " in\n" + report.render()));
  }

  @Test
  void reportsEverythingMissingBeforeTheFirstApplyAndWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    VerificationReport report = Fixtures.podIdentity(space).verify();

    assertThat(space.aws().calls().writes()).isZero();
    assertThat(finding(report, "role", "exists").state()).isEqualTo(FindingState.MISSING);
    String ns = space.hostNamespaces().get(0);
    assertThat(finding(report, ns, "association").state()).isEqualTo(FindingState.MISSING);
    assertThat(finding(report, ns, "pod-env").state()).isEqualTo(FindingState.MISSING);
    assertThat(report.staleWorkloads()).isEmpty(); // a restart would not help yet
  }

  @Test
  void aLeftoverIrsaAnnotationIsDriftAndItsPodsAreNotRestartedWhileItStays() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String ns = space.hostNamespaces().get(0);
    space.cluster().annotate(ns, "vector", HelmValues.ROLE_ARN_ANNOTATION, Fixtures.ROLE_ARN);

    VerificationReport report = podIdentity.verify();

    Finding annotation = finding(report, ns, "service-account-annotation");
    assertThat(annotation.state()).isEqualTo(FindingState.DRIFTED);
    assertThat(annotation.remedy()).contains("drop the annotation from the Space's Helm values");
    assertThat(finding(report, ns, "pod-env").state()).isEqualTo(FindingState.DRIFTED);
    assertThat(report.staleWorkloads()).extracting(w -> w.namespace()).containsExactly(space.hostNamespaces().get(1));
  }

  @Test
  void stalePodsAreNamedWithTheirWorkloadAndRestartStaleFixesThem() {
    FakeSpace space = FakeSpace.withControlPlanes(3).vectorAsStatefulSet().build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();

    VerificationReport before = podIdentity.verify();
    String ns = space.hostNamespaces().get(2);
    Finding stale = finding(before, ns, "pod-env");
    assertThat(stale.state()).isEqualTo(FindingState.STALE_PODS);
    assertThat(stale.remedy()).contains("kubectl rollout restart statefulset vector -n " + ns);

    podIdentity.restartStale();

    VerificationReport after = podIdentity.verify();
    assertThat(after.isHealthy()).as(after.render()).isTrue();
    assertThat(finding(after, "role", "trust-pod-identity").isOk()).isTrue();
    assertThat(finding(after, "s3-policy", "equivalent").isOk()).isTrue();
    assertThat(finding(after, "addon", "installed").isOk()).isTrue();
  }

  @Test
  void controlPlanesNotProvisionedYetArePending() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    space.cluster().givenControlPlane("default", "brand-new", null, null, Map.of());
    BillingIdentity podIdentity = Fixtures.podIdentity(space);

    assertThat(podIdentity.plan().notes()).anySatisfy(n -> assertThat(n).contains("default/brand-new")
        .contains("not provisioned yet"));
    podIdentity.apply();
    podIdentity.restartStale();

    VerificationReport report = podIdentity.verify();
    assertThat(finding(report, "default/brand-new", "provisioned").state()).isEqualTo(FindingState.PENDING);
    assertThat(report.isHealthy()).isTrue();
  }

  @Test
  void aTrustStatementChangedBySomeoneElseIsDriftAndApplyPutsItBack() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String trust = space.aws().role(Fixtures.ROLE).orElseThrow().trustPolicyJson();
    space.aws().setTrustPolicy(Fixtures.ROLE, trust.replace("123456789012\"", "999999999999\""));

    assertThat(finding(podIdentity.verify(), "role", "trust-pod-identity").state()).isEqualTo(FindingState.DRIFTED);
    podIdentity.apply();
    assertThat(finding(podIdentity.verify(), "role", "trust-pod-identity").isOk()).isTrue();
  }
}
