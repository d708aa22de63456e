package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ContainerImage;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterPort} must do: discover the Space's control planes and their host namespaces (by group
 * and label, in a stable order, provisioned only in a host namespace Spaces labelled for that control plane, unless
 * the query opts in to unlabelled ones, and never one labelled for another control plane, with the reason when not),
 * observe only the asked namespaces (with their labels) in one go, with the images of vector's pod templates and of
 * each pod (which may still run an older one during a rollout), restart workloads and wait for their rollouts, and
 * answer TokenRequests with a token of the cluster's issuer for the asked audience and expiry, with {@code NOT_FOUND},
 * {@code TIMEOUT} and the API server's refusals where Kubernetes gives them. Extend it with the port under test and a
 * {@link ClusterFixture} that seeds the cluster behind it; each test expects an empty cluster.
 */
public abstract class ClusterPortContract {
  /** The port under test. */
  protected abstract ClusterPort cluster();

  /** Seeds the cluster behind the port. */
  protected abstract ClusterFixture fixture();

  private static final String ID = "706c49fa-5bb8-4a7e-9f41-2fc38ef4b065";
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";

  private static void assertClusterError(ThrowingCallable call, ClusterApiException.Reason reason, String names) {
    assertThatThrownBy(call).isInstanceOf(ClusterApiException.class).hasMessageContaining(names)
        .satisfies(e -> assertThat(((ClusterApiException) e).reason()).isEqualTo(reason));
  }

  private static String id(int i) {
    return "00000000-0000-0000-0000-" + String.format("%012d", i);
  }

  // ---------------------------------------------------------------- discovery

  @Test
  void discoveryFindsControlPlanesAcrossGroupsWithBothHostNamespaceRulesAndReportsUnprovisionedOnes() {
    fixture().givenControlPlane("team-a", "billing", ID, null);
    fixture().givenControlPlane("team-b", "billing", "11111111-2222-3333-4444-555555555555", "custom-host");
    fixture().givenControlPlane("team-b", "fresh", null, null);

    List<ControlPlane> all = cluster().discoverControlPlanes(ControlPlaneQuery.all());
    List<ControlPlane> teamA = cluster().discoverControlPlanes(new ControlPlaneQuery(Set.of("team-a"), Map.of()));

    assertThat(all).hasSize(3).contains(ControlPlane.provisioned("team-a", "billing", "mxp-" + ID + "-system"),
        ControlPlane.provisioned("team-b", "billing", "custom-host"));
    assertThat(all).anySatisfy(cp -> {
      assertThat(cp.displayName()).isEqualTo("team-b/fresh");
      assertThat(cp.provisioned()).isFalse();
    });
    assertThat(teamA).extracting(ControlPlane::displayName).containsExactly("team-a/billing");
  }

  @Test
  void discoveryListsControlPlanesByGroupThenNameWhateverTheOrderTheyWereMadeIn() {
    fixture().givenControlPlane("team-b", "alpha", id(1), null);
    fixture().givenControlPlane("team-a", "zulu", id(2), null);
    fixture().givenControlPlane("team-a", "alpha", id(3), null);

    assertThat(cluster().discoverControlPlanes(ControlPlaneQuery.all())).extracting(ControlPlane::displayName)
        .containsExactly("team-a/alpha", "team-a/zulu", "team-b/alpha");
  }

  @Test
  void discoveryOfSomeGroupsLeavesTheOthersOut() {
    fixture().givenControlPlane("team-a", "one", id(1), null);
    fixture().givenControlPlane("team-b", "two", id(2), null);
    fixture().givenControlPlane("team-c", "three", id(3), null);

    List<ControlPlane> found = cluster().discoverControlPlanes(
        new ControlPlaneQuery(Set.of("team-a", "team-c"), Map.of()));

    assertThat(found).extracting(ControlPlane::displayName).containsExactly("team-a/one", "team-c/three");
    assertThat(found).allMatch(ControlPlane::provisioned);
  }

  @Test
  void discoveryOfASpaceWithoutControlPlanesIsEmpty() {
    assertThat(cluster().discoverControlPlanes(ControlPlaneQuery.all())).isEmpty();
  }

  @Test
  void discoveryByLabelsFindsOnlyControlPlanesCarryingAllOfThem() {
    fixture().givenControlPlane("team-a", "prod", id(1), null, Map.of("billing", "on", "tier", "prod"));
    fixture().givenControlPlane("team-a", "dev", id(2), null, Map.of("billing", "on"));
    fixture().givenControlPlane("team-a", "other", id(3), null, Map.of());

    assertThat(cluster().discoverControlPlanes(new ControlPlaneQuery(Set.of(), Map.of("billing", "on"))))
        .extracting(ControlPlane::displayName).containsExactly("team-a/dev", "team-a/prod");
    assertThat(cluster().discoverControlPlanes(new ControlPlaneQuery(Set.of(), Map.of("billing", "on",
        "tier", "prod")))).extracting(ControlPlane::displayName).containsExactly("team-a/prod");
  }

  @Test
  void aControlPlaneWhoseHostNamespaceIsLabelledForAnotherIsNotProvisioned() {
    fixture().givenControlPlane("team-a", "billing", ID, null);
    String host = "mxp-" + ID + "-system";
    fixture().labelNamespace(host, Map.of("internal.spaces.upbound.io/controlplane-name", "someone-else",
        "internal.spaces.upbound.io/controlplane-namespace", "team-z"));

    assertThat(cluster().discoverControlPlanes(ControlPlaneQuery.all())).singleElement().satisfies(cp -> {
      assertThat(cp.displayName()).isEqualTo("team-a/billing");
      assertThat(cp.provisioned()).isFalse();
      assertThat(cp.notProvisionedReason()).hasValue("host namespace " + host + " is labelled for control plane "
          + "team-z/someone-else, not team-a/billing");
    });
  }

  // ---------------------------------------------------------------- whose host namespace it is

  private static final String NAME_LABEL = "internal.spaces.upbound.io/controlplane-name";
  private static final String GROUP_LABEL = "internal.spaces.upbound.io/controlplane-namespace";

  private List<ControlPlane> discover(boolean trustUnlabelled) {
    return cluster().discoverControlPlanes(ControlPlaneQuery.all().trustingUnlabelledHostNamespaces(trustUnlabelled));
  }

  private static ControlPlane named(List<ControlPlane> found, String displayName) {
    return found.stream().filter(cp -> cp.displayName().equals(displayName)).findFirst().orElseThrow();
  }

  @Test
  void aControlPlaneNamingANamespaceSpacesDidNotLabelForItIsNotProvisionedAndSaysWhy() {
    fixture().givenNamespace("kube-system");
    fixture().givenControlPlaneObject("team-a", "cp1", ID, "kube-system");

    assertThat(cluster().discoverControlPlanes(ControlPlaneQuery.all())).singleElement().satisfies(cp -> {
      assertThat(cp.displayName()).isEqualTo("team-a/cp1");
      assertThat(cp.provisioned()).isFalse();
      assertThat(cp.hostNamespace()).hasValue("kube-system");
      assertThat(cp.notProvisionedReason()).hasValueSatisfying(reason -> assertThat(reason)
          .startsWith("host namespace kube-system is not labelled for control plane team-a/cp1"));
    });
  }

  @Test
  void aHostNamespaceCarryingOnlyOneOfSpacesTwoLabelsIsNotTrusted() {
    fixture().givenControlPlane("team-a", "billing", ID, null);
    String host = "mxp-" + ID + "-system";
    fixture().labelNamespace(host, Map.of(NAME_LABEL, "billing"));

    assertThat(cluster().discoverControlPlanes(ControlPlaneQuery.all())).singleElement().satisfies(cp -> {
      assertThat(cp.provisioned()).isFalse();
      assertThat(cp.notProvisionedReason()).hasValueSatisfying(reason -> assertThat(reason)
          .startsWith("host namespace " + host + " is not labelled for control plane team-a/billing"));
    });
  }

  @Test
  void aControlPlaneWithAnIdWhoseHostNamespaceDoesNotExistIsNotProvisionedYetWithoutAReason() {
    fixture().givenControlPlaneObject("team-a", "billing", ID, null);

    assertThat(cluster().discoverControlPlanes(ControlPlaneQuery.all())).containsExactly(ControlPlane.builder()
        .group("team-a").name("billing").hostNamespace("mxp-" + ID + "-system").provisioned(false).build());
  }

  @Test
  void theOptInTrustsAnUnlabelledHostNamespaceButNeitherASystemNamespaceNorOneLabelledForAnother() {
    fixture().givenNamespace("custom-host");
    fixture().givenControlPlaneObject("team-a", "one", id(1), "custom-host");
    fixture().givenNamespace("kube-system");
    fixture().givenControlPlaneObject("team-a", "two", id(2), "kube-system");
    fixture().givenControlPlane("team-b", "three", id(3), null);
    fixture().labelNamespace("mxp-" + id(3) + "-system", Map.of(NAME_LABEL, "other"));

    List<ControlPlane> trusting = discover(true);
    List<ControlPlane> strict = discover(false);

    assertThat(named(trusting, "team-a/one")).isEqualTo(ControlPlane.provisioned("team-a", "one", "custom-host"));
    assertThat(named(trusting, "team-a/two").notProvisionedReason()).hasValueSatisfying(reason ->
        assertThat(reason).contains("is a Kubernetes system namespace"));
    assertThat(named(trusting, "team-b/three").notProvisionedReason()).hasValueSatisfying(reason ->
        assertThat(reason).contains("is labelled for control plane (no group label)/other, not team-b/three"));
    assertThat(strict).noneMatch(ControlPlane::provisioned);
    assertThat(named(strict, "team-a/one").notProvisionedReason()).hasValueSatisfying(reason ->
        assertThat(reason).startsWith("host namespace custom-host is not labelled for control plane team-a/one"));
  }

  @Test
  void ofTwoControlPlanesClaimingOneHostNamespaceOnlyTheOneItsLabelsNameHasIt() {
    fixture().givenControlPlane("team-a", "owner", id(1), "shared-host");
    fixture().givenControlPlaneObject("team-b", "intruder", id(2), "shared-host");

    for (boolean trustUnlabelled : new boolean[] {false, true}) {
      List<ControlPlane> found = discover(trustUnlabelled);
      assertThat(named(found, "team-a/owner")).isEqualTo(ControlPlane.provisioned("team-a", "owner", "shared-host"));
      assertThat(named(found, "team-b/intruder").notProvisionedReason()).hasValue(
          "host namespace shared-host is labelled for control plane team-a/owner, not team-b/intruder");
    }
  }

  @Test
  void withTheOptInTwoControlPlanesClaimingOneUnlabelledHostNamespaceAreBothRefused() {
    fixture().givenNamespace("shared-host");
    fixture().givenControlPlaneObject("team-a", "one", id(1), "shared-host");
    fixture().givenControlPlaneObject("team-b", "two", id(2), "shared-host");

    List<ControlPlane> found = discover(true);

    assertThat(found).noneMatch(ControlPlane::provisioned);
    assertThat(named(found, "team-a/one").notProvisionedReason()).hasValueSatisfying(reason ->
        assertThat(reason).contains("also the host namespace of control plane(s) [team-b/two]"));
    assertThat(named(found, "team-b/two").notProvisionedReason()).hasValueSatisfying(reason ->
        assertThat(reason).contains("also the host namespace of control plane(s) [team-a/one]"));
  }

  // ---------------------------------------------------------------- observation

  @Test
  void observeReportsTheLabelsOfTheAskedNamespaces() {
    fixture().givenControlPlane("team-a", "billing", ID, null);
    fixture().givenNamespace("plain");
    String host = "mxp-" + ID + "-system";

    ClusterSnapshot snapshot = cluster().observe(Set.of(host, "plain", "absent"), "vector");

    assertThat(snapshot.namespaceLabels(host)).containsEntry(NAME_LABEL, "billing").containsEntry(GROUP_LABEL, "team-a");
    assertThat(snapshot.namespaceLabels("plain")).doesNotContainKeys(NAME_LABEL, GROUP_LABEL);
    assertThat(snapshot.existingNamespaces()).containsExactlyInAnyOrder(host, "plain");
  }

  @Test
  void observeReturnsOnlyTheAskedNamespacesThatExistWithServiceAccountsWorkloadsAndPodEnv() {
    fixture().givenNamespace("mxp-a-system");
    fixture().givenNamespace("unrelated");
    fixture().givenServiceAccount("mxp-a-system", "vector", Map.of("eks.amazonaws.com/role-arn", ROLE_ARN));
    fixture().givenServiceAccount("unrelated", "vector", Map.of());
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector",
        Map.of("AWS_ROLE_ARN", ROLE_ARN));

    ClusterSnapshot snapshot = cluster().observe(Set.of("mxp-a-system", "mxp-gone-system"), "vector");

    assertThat(snapshot.existingNamespaces()).containsExactly("mxp-a-system");
    assertThat(snapshot.serviceAccount("mxp-a-system")).hasValueSatisfying(sa ->
        assertThat(sa.annotations()).containsEntry("eks.amazonaws.com/role-arn", ROLE_ARN));
    assertThat(snapshot.serviceAccount("unrelated")).isEmpty();
    assertThat(snapshot.workloads("mxp-a-system")).extracting(w -> w.ref()).containsExactly(vector);
    assertThat(snapshot.pods("mxp-a-system")).singleElement().satisfies(p -> {
      assertThat(p.env()).containsEntry("AWS_ROLE_ARN", ROLE_ARN);
      assertThat(p.serviceAccount()).isEqualTo("vector");
      assertThat(p.workload()).contains(vector);
      assertThat(p.ready()).isTrue();
    });
  }

  @Test
  void observeFindsVectorAsAStatefulSetAndItsPod() {
    fixture().givenNamespace("mxp-a-system");
    fixture().givenServiceAccount("mxp-a-system", "vector", Map.of());
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.STATEFULSET, "mxp-a-system", "vector", "vector",
        Map.of());

    ClusterSnapshot snapshot = cluster().observe(Set.of("mxp-a-system"), "vector");

    assertThat(snapshot.workloads("mxp-a-system")).singleElement().satisfies(w -> {
      assertThat(w.ref()).isEqualTo(vector);
      assertThat(w.rolloutComplete()).isTrue();
    });
    assertThat(snapshot.pods("mxp-a-system")).singleElement()
        .satisfies(p -> assertThat(p.workload()).contains(vector));
  }

  @Test
  void observeReportsTheImageOfTheWorkloadsPodTemplateAndOfItsPod() {
    fixture().givenNamespace("mxp-a-system");
    fixture().givenServiceAccount("mxp-a-system", "vector", Map.of());
    String image = "registry.example.com:5000/timberio/vector:0.43.1-debian";
    fixture().givenWorkload(WorkloadKind.STATEFULSET, "mxp-a-system", "vector", "vector", Map.of(), image);

    ClusterSnapshot snapshot = cluster().observe(Set.of("mxp-a-system"), "vector");

    assertThat(snapshot.workloads("mxp-a-system")).singleElement()
        .satisfies(w -> assertThat(w.templateImages()).containsExactly(new ContainerImage("vector", image)));
    assertThat(snapshot.pods("mxp-a-system")).singleElement()
        .satisfies(p -> assertThat(p.images()).containsExactly(new ContainerImage("vector", image)));
  }

  @Test
  void aPodLeftOnTheOlderImageByARolloutUnderWayIsReportedWithItsOwnImage() {
    fixture().givenNamespace("mxp-a-system");
    fixture().givenServiceAccount("mxp-a-system", "vector", Map.of());
    String old = "timberio/vector:0.43.1-distroless-libc";
    String current = "timberio/vector:0.47.0-distroless-libc";
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector",
        Map.of(), old);
    fixture().hangRollouts(vector);

    fixture().setImage(vector, current);
    ClusterSnapshot snapshot = cluster().observe(Set.of("mxp-a-system"), "vector");

    assertThat(snapshot.workloads("mxp-a-system")).singleElement().satisfies(w -> {
      assertThat(w.templateImages()).containsExactly(new ContainerImage("vector", current));
      assertThat(w.rolloutComplete()).isFalse();
    });
    assertThat(snapshot.pods("mxp-a-system")).singleElement()
        .satisfies(p -> assertThat(p.images()).containsExactly(new ContainerImage("vector", old)));
  }

  @Test
  void podsRunningAsAnotherServiceAccountAreNotObserved() {
    fixture().givenNamespace("mxp-a-system");
    fixture().givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "default", Map.of());

    ClusterSnapshot snapshot = cluster().observe(Set.of("mxp-a-system"), "vector");

    assertThat(snapshot.existingNamespaces()).containsExactly("mxp-a-system");
    assertThat(snapshot.serviceAccount("mxp-a-system")).isEmpty();
    assertThat(snapshot.pods("mxp-a-system")).isEmpty();
  }

  @Test
  void observingNoNamespacesFindsNothing() {
    fixture().givenNamespace("mxp-a-system");

    ClusterSnapshot snapshot = cluster().observe(Set.of(), "vector");

    assertThat(snapshot.existingNamespaces()).isEmpty();
    assertThat(snapshot.pods()).isEmpty();
  }

  // ---------------------------------------------------------------- restarts

  @Test
  void aRestartStampsTheWorkloadAndItsRolloutCompletes() {
    fixture().givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.STATEFULSET, "mxp-a-system", "vector", "vector", Map.of());
    Instant at = Instant.parse("2026-11-28T19:00:00Z");

    cluster().restart(vector, at);
    cluster().awaitRollout(vector, Duration.ofSeconds(5));

    assertThat(fixture().restartedAt(vector)).isNotNull().startsWith("2026-11-28T19:00:00");
  }

  @Test
  void restartingAWorkloadThatDoesNotExistIsNotFoundAndNamesIt() {
    fixture().givenNamespace("mxp-a-system");
    WorkloadRef missing = new WorkloadRef(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector");

    assertClusterError(() -> cluster().restart(missing, Instant.now()), ClusterApiException.Reason.NOT_FOUND,
        "vector");
  }

  @Test
  void waitingForTheRolloutOfAWorkloadThatDoesNotExistIsNotFound() {
    fixture().givenNamespace("mxp-a-system");
    WorkloadRef missing = new WorkloadRef(WorkloadKind.STATEFULSET, "mxp-a-system", "vector");

    assertClusterError(() -> cluster().awaitRollout(missing, Duration.ofMillis(200)),
        ClusterApiException.Reason.NOT_FOUND, "vector");
  }

  @Test
  void aRolloutThatHangsTimesOutNamingTheWorkload() {
    fixture().givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector",
        Map.of());
    fixture().hangRollouts(vector);

    cluster().restart(vector, Instant.parse("2026-11-28T19:00:00Z"));

    assertClusterError(() -> cluster().awaitRollout(vector, Duration.ofMillis(200)),
        ClusterApiException.Reason.TIMEOUT, "deployment/vector -n mxp-a-system");
  }

  // ---------------------------------------------------------------- token requests

  private static final String HOST = "mxp-a-system";

  /** The verified claims of a token signed by the fixture's issuer; fails when the signature or the header is wrong. */
  private Map<String, Object> verifiedClaims(String token) throws Exception {
    ServiceAccountIssuer issuer = fixture().serviceAccountIssuer();
    JWSObject jws = JWSObject.parse(token);
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jws.getHeader().getKeyID()).isEqualTo(issuer.keyId());
    assertThat(jws.verify(new RSASSAVerifier(issuer.publicKey()))).as("signed by the cluster's issuer").isTrue();
    return jws.getPayload().toJSONObject();
  }

  @Test
  void aTokenRequestAnswersATokenForTheServiceAccountAndAudienceSignedByTheClustersIssuer() throws Exception {
    fixture().givenNamespace(HOST);
    fixture().givenServiceAccount(HOST, "vector", Map.of());
    long before = Instant.now().getEpochSecond();

    Map<String, Object> irsa = verifiedClaims(
        cluster().requestServiceAccountToken(HOST, "vector", "sts.amazonaws.com", Duration.ofMinutes(10)));
    Map<String, Object> podIdentity = verifiedClaims(
        cluster().requestServiceAccountToken(HOST, "vector", "pods.eks.amazonaws.com", Duration.ofHours(1)));

    assertThat(irsa).containsEntry("iss", fixture().serviceAccountIssuer().url())
        .containsEntry("sub", "system:serviceaccount:" + HOST + ":vector")
        .containsEntry("aud", List.of("sts.amazonaws.com"));
    long iat = ((Number) irsa.get("iat")).longValue();
    assertThat(iat).isBetween(before - 5, Instant.now().getEpochSecond() + 5);
    assertThat(((Number) irsa.get("nbf")).longValue()).isEqualTo(iat);
    assertThat(((Number) irsa.get("exp")).longValue()).isEqualTo(iat + 600);
    assertThat(irsa.get("kubernetes.io")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("namespace", HOST)
        .extractingByKey("serviceaccount").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "vector").containsKey("uid");
    assertThat(podIdentity).containsEntry("aud", List.of("pods.eks.amazonaws.com"));
    assertThat(((Number) podIdentity.get("exp")).longValue() - ((Number) podIdentity.get("iat")).longValue())
        .isEqualTo(3600);
  }

  @Test
  void aTokenRequestForAServiceAccountThatDoesNotExistIsNotFoundAndNamesIt() {
    fixture().givenNamespace(HOST);
    fixture().givenServiceAccount(HOST, "default", Map.of());

    assertClusterError(() -> cluster().requestServiceAccountToken(HOST, "vector", "sts.amazonaws.com",
        Duration.ofMinutes(10)), ClusterApiException.Reason.NOT_FOUND, "vector");
    assertClusterError(() -> cluster().requestServiceAccountToken("mxp-gone-system", "vector", "sts.amazonaws.com",
        Duration.ofMinutes(10)), ClusterApiException.Reason.NOT_FOUND, "vector");
  }

  @Test
  void aTokenRequestForLessThanTenMinutesIsRefusedAsKubernetesDoes() {
    fixture().givenNamespace(HOST);
    fixture().givenServiceAccount(HOST, "vector", Map.of());

    assertClusterError(() -> cluster().requestServiceAccountToken(HOST, "vector", "sts.amazonaws.com",
        Duration.ofMinutes(5)), ClusterApiException.Reason.OTHER, "may not specify a duration less than 10 minutes");
  }
}
