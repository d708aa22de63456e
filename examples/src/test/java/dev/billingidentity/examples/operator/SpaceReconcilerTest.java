package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.plan.Retry;
import dev.billingidentity.role.TrustPolicyQuotaException;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.cluster.IdentityEnv;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.aws.BillingStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's reconcile of one {@code BillingIdentity} over the in-memory fakes, whose call log counts what AWS
 * answered: a new control plane is handled on its own, and costs the same AWS calls in a Space of 5 and of 300.
 */
class SpaceReconcilerTest {
  private static final OperatorTimings FAST = OperatorTimings.defaults()
      .withCredentialRetryDelay(Duration.ofMillis(50));
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";

  static Map<String, Object> spec(String mode) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("mode", mode);
    spec.put("cluster", FakeSpace.CLUSTER);
    spec.put("roleName", "spaces-billing");
    spec.put("bucket", "acme-billing");
    spec.put("region", "us-east-1");
    return spec;
  }

  private static SpaceReconciler reconciler(FakeSpace space, Map<String, Object> spec) {
    return new SpaceReconciler(IdentitySpec.parse(spec), space.aws().backend(), space.cluster(), FAST,
        Retry.withoutDelay(20), Clock.systemUTC());
  }

  private static boolean credentialed(FakeSpace space, String ns) {
    List<PodInfo> pods = space.cluster().pods(ns);
    return !pods.isEmpty() && pods.stream().allMatch(p -> p.env().containsKey(IdentityEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI));
  }

  /** The AWS calls (the fake's log) of the incremental pass that handles one new control plane. */
  private static Map<String, Long> callsForOneNewControlPlane(int spaceSize) throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(spaceSize).build();
    SpaceReconciler reconciler = reconciler(space, spec("pod-identity"));
    reconciler.fullResync();
    assertThat(reconciler.counts().healthy()).isEqualTo(spaceSize);
    String added = space.addControlPlane("default");
    space.aws().calls().reset();

    PassResult pass = reconciler.catchUp().orElseThrow();

    assertThat(pass.changes()).singleElement().asString().contains(added);
    assertThat(pass.restarts()).singleElement().asString().contains(added);
    assertThat(credentialed(space, added)).isTrue();
    assertThat(reconciler.counts()).isEqualTo(new SpaceReconciler.Counts(spaceSize + 1, spaceSize + 1, 0, 0));
    assertThat(pass.awsCallCount()).isEqualTo(space.aws().calls().total());
    return new HashMap<>(space.aws().calls().byOperation());
  }

  @Test
  void awsCallsForOneNewControlPlaneDoNotGrowWithTheSpace() throws Exception {
    Map<String, Long> small = callsForOneNewControlPlane(5);
    Map<String, Long> large = callsForOneNewControlPlane(300);

    assertThat(large).isEqualTo(small);
    assertThat(large.values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(10);
    assertThat(large).containsEntry("CreatePodIdentityAssociation", 1L)
        .doesNotContainKey("DescribePodIdentityAssociation");
  }

  @Test
  void irsaBatchesABurstIntoOneTrustWriteWhateverTheSpace() throws Exception {
    for (int size : new int[] {3, 12}) {
      FakeSpace space = FakeSpace.withControlPlanes(size).build();
      SpaceReconciler reconciler = reconciler(space, spec("irsa"));
      reconciler.fullResync();
      List<String> burst = List.of(space.addControlPlane("default"), space.addControlPlane("team-b"),
          space.addControlPlane("default"));
      space.aws().calls().reset();

      PassResult pass = reconciler.catchUp().orElseThrow();

      assertThat(space.aws().calls().count("UpdateAssumeRolePolicy")).as("size %d", size).isEqualTo(1);
      assertThat(space.aws().calls().total()).as("size %d", size).isLessThanOrEqualTo(10);
      assertThat(pass.changes()).hasSize(1);
      // no Helm values yet: the trust is there, but a restart cannot help; the problem says so
      assertThat(pass.restarts()).isEmpty();
      assertThat(pass.problems()).containsKeys(burst.toArray(String[]::new));
      assertThat(pass.problems().get(burst.get(0))).contains("status.helmSetFlags");
    }
  }

  @Test
  void irsaPodsWaitingForTheHelmValuesAreRestartedOnTheNextPassWithoutAnAwsCall() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    SpaceReconciler reconciler = reconciler(space, spec("irsa"));
    reconciler.fullResync();
    assertThat(reconciler.counts().healthy()).isZero();
    space.applyHelmValues(HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"), ROLE_ARN));
    space.aws().calls().reset();

    PassResult pass = reconciler.catchUp().orElseThrow();

    assertThat(pass.restarts()).hasSize(2);
    assertThat(space.aws().calls().total()).isZero();
    assertThat(reconciler.counts()).isEqualTo(new SpaceReconciler.Counts(2, 2, 0, 0));
    assertThat(reconciler.catchUp()).isEmpty();
  }

  @Test
  void irsaPodsGetCredentialsOnceTheHelmValuesAreSet() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    SpaceReconciler reconciler = reconciler(space, spec("irsa"));
    reconciler.fullResync();
    space.applyHelmValues(HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"), ROLE_ARN));

    PassResult full = reconciler.fullResync();

    assertThat(full.restarts()).hasSize(2);
    assertThat(reconciler.counts()).isEqualTo(new SpaceReconciler.Counts(2, 2, 0, 0));
    assertThat(space.cluster().pods(space.hostNamespaces().get(0)))
        .allSatisfy(p -> assertThat(p.env()).containsEntry(IdentityEnv.AWS_ROLE_ARN, ROLE_ARN));
  }

  @Test
  void aControlPlaneThatGoesLosesItsAssociationAndNothingElseChanges() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(4).build();
    SpaceReconciler reconciler = reconciler(space, spec("pod-identity"));
    reconciler.fullResync();
    String gone = space.hostNamespaces().get(1);
    space.removeControlPlane(gone);
    space.aws().calls().reset();

    PassResult pass = reconciler.catchUp().orElseThrow();

    assertThat(space.aws().calls().writesByOperation()).containsExactly(Map.entry("DeletePodIdentityAssociation", 1L));
    assertThat(space.aws().associationFor(space.clusterName(), gone, "vector")).isEmpty();
    assertThat(space.aws().associations(space.clusterName())).hasSize(3);
    assertThat(pass.restarts()).isEmpty();
    assertThat(reconciler.counts().controlPlanes()).isEqualTo(3);
  }

  @Test
  void nothingNewCostsNoAwsCall() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    SpaceReconciler reconciler = reconciler(space, spec("pod-identity"));
    reconciler.fullResync();
    space.aws().calls().reset();

    assertThat(reconciler.catchUp()).isEmpty();
    assertThat(space.aws().calls().total()).isZero();
  }

  @Test
  void aBlockedPlanWritesNothingAndIsThrown() {
    FakeSpace space = FakeSpace.withControlPlanes(30).build();
    SpaceReconciler reconciler = reconciler(space, spec("irsa"));

    assertThatThrownBy(reconciler::fullResync).isInstanceOf(PlanBlockedException.class)
        .hasCauseInstanceOf(TrustPolicyQuotaException.class)
        .satisfies(e -> assertThat(((PlanBlockedException) e).reason()).isEqualTo("TrustPolicyQuota"));
    assertThat(space.aws().calls().writes()).isZero();
    // what blocks it waits for a person: not planned again on every pass
    assertThat(reconciler.fullResyncDue()).isFalse();
    assertThat(reconciler.resynced()).isFalse();
  }

  @Test
  void podsAdmittedBeforeTheIdentityWasVisibleAreRestartedOnceMoreAfterTheDelay() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    SpaceReconciler reconciler = reconciler(space, spec("pod-identity"));
    reconciler.fullResync();
    String added = space.addControlPlane("default");
    // The webhook does not see the new association yet: the first restart's pods start without credentials.
    int[] restarts = {0};
    space.cluster().podIdentityFrom((ns, sa) -> restarts[0]++ > 0
        && space.aws().associationFor(space.clusterName(), ns, sa).isPresent());

    PassResult pass = reconciler.catchUp().orElseThrow();

    assertThat(pass.restarts()).hasSize(2);
    assertThat(credentialed(space, added)).isTrue();
    assertThat(pass.problems()).isEmpty();
  }
}
