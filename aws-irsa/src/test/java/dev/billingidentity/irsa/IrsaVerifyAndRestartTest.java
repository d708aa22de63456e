package dev.billingidentity.irsa;

import static dev.billingidentity.irsa.IrsaApplyTest.SETTINGS;
import static dev.billingidentity.irsa.IrsaApplyTest.irsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.ApplyFailedException;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.cluster.IdentityEnv;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's verification and restart steps, for every control plane at once. */
class IrsaVerifyAndRestartTest {
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";

  private static FakeSpace appliedSpace(int controlPlanes) {
    FakeSpace space = FakeSpace.withControlPlanes(controlPlanes).build();
    ApplyResult result = irsa(space, SETTINGS).apply();
    space.applyHelmValues(result.helmValues());
    return space;
  }

  private static List<Finding> of(VerificationReport report, String ns, FindingState state) {
    return report.about(ns).stream().filter(f -> f.state() == state).toList();
  }

  @Test
  void aVerificationReadsTheBucketAlongsideTheProviderAndTheRole() {
    FakeSpace space = appliedSpace(2);
    space.aws().calls().reset();
    // Held until the bucket is asked: read one after another, as the verification used to, it never would be.
    space.aws().faults().beforeCall("GetOpenIDConnectProvider", 1, () -> {
      if (!space.aws().calls().awaitCount("HeadBucket", 1, Duration.ofSeconds(10))) {
        throw new AssertionError("the provider was read before the bucket was asked");
      }
    });

    VerificationReport report = irsa(space, SETTINGS).verify();

    // All read and found in place; the pods only await their restart.
    assertThat(report.drift()).as(report.toString()).allMatch(f -> f.check().equals("pod-env"));
    assertThat(space.aws().calls().count("GetOpenIDConnectProvider")).isEqualTo(1);
  }

  @Test
  void podsThatStartedBeforeTheAnnotationAreStaleAndRestartClearsThatAndNothingElse() {
    FakeSpace space = appliedSpace(4);
    String missing = space.hostNamespaces().get(0);
    String wrong = space.hostNamespaces().get(1);
    space.cluster().annotate(missing, "vector", HelmValues.ROLE_ARN_ANNOTATION, null);
    space.cluster().annotate(wrong, "vector", HelmValues.ROLE_ARN_ANNOTATION, "arn:aws:iam::123456789012:role/other");

    VerificationReport before = irsa(space, SETTINGS).verify();

    assertThat(of(before, missing, FindingState.MISSING)).extracting(Finding::check)
        .contains("service-account-annotation");
    assertThat(of(before, wrong, FindingState.DRIFTED)).extracting(Finding::check)
        .containsExactly("service-account-annotation");
    String stale = space.hostNamespaces().get(2);
    assertThat(of(before, stale, FindingState.STALE_PODS)).singleElement()
        .satisfies(f -> assertThat(f.workload()).contains(new WorkloadRef(WorkloadKind.DEPLOYMENT, stale, "vector")));
    assertThat(before.staleWorkloads()).hasSize(2);

    ApplyResult restarted = irsa(space, SETTINGS).restartStale();

    assertThat(restarted.applied()).extracting(c -> c.kind()).containsOnly("RestartWorkload").hasSize(2);
    VerificationReport after = restarted.verification();
    assertThat(after.staleWorkloads()).isEmpty();
    assertThat(of(after, missing, FindingState.MISSING)).isNotEmpty();
    assertThat(of(after, wrong, FindingState.DRIFTED)).isNotEmpty();
    assertThat(space.cluster().pods(stale)).allSatisfy(p -> assertThat(p.env())
        .containsEntry(IdentityEnv.AWS_ROLE_ARN, ROLE_ARN)
        .containsEntry(IdentityEnv.AWS_WEB_IDENTITY_TOKEN_FILE, IdentityEnv.WEB_IDENTITY_TOKEN_FILE));
    assertThat(space.cluster().pods(missing)).allSatisfy(p -> assertThat(p.env()).doesNotContainKey("AWS_ROLE_ARN"));
  }

  @Test
  void aWorkloadDeletedBetweenTheRestartPlanAndItsRestartIsNotAFailure() {
    // The operator restarts while control planes go: the workload that went has nothing left to restart.
    FakeSpace space = appliedSpace(2);
    String going = space.hostNamespaces().get(0);
    String staying = space.hostNamespaces().get(1);
    var plan = irsa(space, SETTINGS).restartPlan();
    assertThat(plan.changes()).hasSize(2);

    space.cluster().deleteWorkload(new WorkloadRef(WorkloadKind.DEPLOYMENT, going, "vector"));
    ApplyResult restarted = irsa(space, SETTINGS).apply(plan);

    assertThat(restarted.applied()).hasSize(2);
    assertThat(space.cluster().pods(staying)).allSatisfy(p -> assertThat(p.env())
        .containsEntry(IdentityEnv.AWS_ROLE_ARN, ROLE_ARN));
  }

  @Test
  void aMissingSubjectIsFoundAndRepairedByTheNextApply() {
    FakeSpace space = appliedSpace(3);
    irsa(space, SETTINGS).restartStale();
    String ns = space.hostNamespaces().get(1);
    String trust = space.aws().role("spaces-billing").orElseThrow().trustPolicyJson();
    space.aws().setTrustPolicy("spaces-billing", trust.replace(",\"system:serviceaccount:" + ns + ":vector\"", "")
        .replace("\"system:serviceaccount:" + ns + ":vector\",", ""));

    VerificationReport drifted = irsa(space, SETTINGS).verify();
    ApplyResult repaired = irsa(space, SETTINGS).apply();

    assertThat(of(drifted, ns, FindingState.MISSING)).extracting(Finding::check).containsExactly("trust-subject");
    assertThat(repaired.applied()).extracting(c -> c.kind()).containsExactly("UpdateTrustPolicy");
    assertThat(repaired.verification().isHealthy()).isTrue();
  }

  @Test
  void statefulSetVectorIsRestartedAsAStatefulSet() {
    FakeSpace space = FakeSpace.withControlPlanes(2).vectorAsStatefulSet().build();
    space.applyHelmValues(irsa(space, SETTINGS).apply().helmValues());

    ApplyResult restarted = irsa(space, SETTINGS).restartStale();

    assertThat(restarted.plan().changes()).allSatisfy(c -> assertThat(c.describe()).contains("statefulset/vector"));
    assertThat(restarted.verification().isHealthy()).isTrue();
  }

  @Test
  void aStuckRolloutTimesOutWithAClearErrorNamingTheWorkload() {
    FakeSpace space = appliedSpace(1);
    WorkloadRef vector = new WorkloadRef(WorkloadKind.DEPLOYMENT, space.hostNamespaces().get(0), "vector");
    space.cluster().stuck(vector, true);

    assertThatThrownBy(() -> irsa(space, SETTINGS)
            .withOptions(ApplyOptions.defaults().withRolloutTimeout(Duration.ofMillis(50))).restartStale())
        .isInstanceOf(ApplyFailedException.class)
        .hasCauseInstanceOf(ClusterApiException.class)
        .hasMessageContaining("deployment/vector -n " + vector.namespace());
  }
}
