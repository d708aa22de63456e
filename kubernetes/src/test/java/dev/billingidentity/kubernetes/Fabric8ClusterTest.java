package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceListBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the contract kit does not cover: request counts, which pods count, rollout waits, error mapping, host namespace
 * labels, a cluster without the ControlPlane CRD.
 */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterTest {
  KubernetesClient client;
  KubernetesMockServer server;

  private final List<KubernetesClient> clientsToClose = new ArrayList<>();
  private Fabric8Cluster cluster;
  private MockClusterFixture fixture;

  @BeforeEach
  void setUp() {
    cluster = new Fabric8Cluster(client, SpacesResources.VECTOR, Duration.ofMillis(50));
    fixture = new MockClusterFixture(client);
  }

  @AfterEach
  void closeClients() {
    clientsToClose.forEach(KubernetesClient::close);
  }

  @Test
  void discoveringAndObservingTwentyOrTwoHundredControlPlanesTakesTheSameNumberOfRequests() {
    seedControlPlanes(0, 20);
    int forTwenty = requestsToDiscoverAndObserve(20);
    seedControlPlanes(20, 200);
    int forTwoHundred = requestsToDiscoverAndObserve(200);

    assertThat(forTwoHundred).isEqualTo(forTwenty);
    // controlplanes, labelled namespaces; namespaces, service accounts, deployments, statefulsets, one pod selector
    assertThat(forTwenty).isEqualTo(7);
  }

  private int requestsToDiscoverAndObserve(int expectedControlPlanes) {
    int before = server.getRequestCount();
    List<ControlPlane> planes = cluster.discoverControlPlanes(ControlPlaneQuery.all());
    Set<String> hosts = planes.stream().map(cp -> cp.hostNamespace().orElseThrow()).collect(Collectors.toSet());
    ClusterSnapshot snapshot = cluster.observe(hosts, "vector");
    int requests = server.getRequestCount() - before;

    assertThat(planes).hasSize(expectedControlPlanes).allMatch(ControlPlane::provisioned);
    assertThat(snapshot.existingNamespaces()).hasSize(expectedControlPlanes);
    assertThat(snapshot.serviceAccounts()).hasSize(expectedControlPlanes);
    assertThat(snapshot.workloads()).hasSize(expectedControlPlanes);
    assertThat(snapshot.pods()).hasSize(expectedControlPlanes)
        .allSatisfy(p -> assertThat(p.workload()).hasValue(new WorkloadRef(WorkloadKind.DEPLOYMENT, p.namespace(), "vector")));
    return requests;
  }

  // Seeded in parallel only to keep the test fast: the mock answers each request in a few milliseconds.
  private void seedControlPlanes(int from, int to) {
    IntStream.range(from, to).parallel().forEach(i -> {
      String id = String.format("00000000-0000-0000-0000-%012d", i);
      fixture.givenControlPlane("group-" + (i % 3), "cp-" + i, id, null);
      String host = ControlPlane.defaultHostNamespace(id);
      fixture.givenServiceAccount(host, "vector", Map.of());
      fixture.givenWorkload(WorkloadKind.DEPLOYMENT, host, "vector", "vector", Map.of("I", "" + i));
    });
  }

  @Test
  void observeKeepsOnlyPodsRunningAsTheServiceAccountAndMergesLiteralEnvOfTheirContainers() {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.STATEFULSET, "mxp-a-system", "vector", "vector",
        Map.of("AWS_ROLE_ARN", "arn:aws:iam::1:role/r", "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"));
    fixture.givenPod("mxp-a-system", "debug", "ReplicaSet", "other-123", "default", Map.of());

    ClusterSnapshot snapshot = cluster.observe(Set.of("mxp-a-system"), "vector");

    assertThat(snapshot.pods()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("vector-0");
      assertThat(p.workload()).hasValue(vector);
      assertThat(p.phase()).isEqualTo("Running");
      assertThat(p.ready()).isTrue();
      assertThat(p.env()).containsOnlyKeys("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE");
    });
    assertThat(snapshot.workloads()).singleElement().satisfies(w -> assertThat(w.rolloutComplete()).isTrue());
  }

  @Test
  void observeReportsOnlyTheLivePodsOfTheVectorWorkloads() {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());
    // vector's own pods that will never run again: an evicted one and one being deleted
    fixture.givenPod(owned(fixture.vectorPod("mxp-a-system", "vector-evicted", "vector", Map.of()), "vector-5d8f7c9b6")
        .editStatus().withPhase("Failed").endStatus().build());
    fixture.givenPod(owned(fixture.vectorPod("mxp-a-system", "vector-leaving", "vector", Map.of()), "vector-5d8f7c9b6")
        .editMetadata().addToFinalizers("example.com/flush").endMetadata().build());
    client.pods().inNamespace("mxp-a-system").withName("vector-leaving").delete(); // held by its finalizer
    // same labels and service account, another controller: not vector's
    fixture.givenPod(owned(fixture.vectorPod("mxp-a-system", "vector-agent-x", "vector", Map.of()),
        "vector-agent-5d8f7c9b6").build());
    // an orphan that vector's selector matches: vector's, as the Deployment would adopt it
    fixture.givenPod(fixture.vectorPod("mxp-a-system", "vector-orphan", "vector", Map.of()).build());

    ClusterSnapshot snapshot = cluster.observe(Set.of("mxp-a-system"), "vector");

    assertThat(snapshot.pods()).extracting(p -> p.name()).containsExactlyInAnyOrder("vector-0", "vector-orphan");
    assertThat(snapshot.pods()).allSatisfy(p -> assertThat(p.workload()).hasValue(vector));
  }

  private static PodBuilder owned(PodBuilder pod, String replicaSet) {
    return pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
        .withName(replicaSet).withUid("uid-" + replicaSet).withController(true).endOwnerReference().endMetadata();
  }

  @Test
  void aHostNamespaceLabelledForAnotherControlPlaneIsNotTreatedAsProvisioned() {
    fixture.givenControlPlaneObject("team-a", "billing", "1111", "shared-host", Map.of());
    fixture.givenHostNamespace("shared-host", "team-b", "billing");

    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all())).singleElement().satisfies(cp -> {
      assertThat(cp.displayName()).isEqualTo("team-a/billing");
      assertThat(cp.provisioned()).isFalse();
      assertThat(cp.hostNamespace()).hasValue("shared-host");
    });
  }

  @Test
  void withoutTheControlPlaneCrdObservingWorksAndDiscoveringIsNotFound() {
    server.expect().get().withPath("/apis/spaces.upbound.io/v1beta1/controlplanes")
        .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound")
            .withMessage("the server could not find the requested resource").build())
        .always();
    fixture.givenNamespace("mxp-a-system");
    fixture.givenServiceAccount("mxp-a-system", "vector", Map.of());

    assertThat(cluster.observe(Set.of("mxp-a-system"), "vector").serviceAccounts()).containsOnlyKeys("mxp-a-system");
    assertThatThrownBy(() -> cluster.discoverControlPlanes(ControlPlaneQuery.all()))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
          assertThat(e.resource()).isEqualTo("controlplanes.spaces.upbound.io -A");
        });
  }

  @Test
  void discoveryFiltersByLabelAndKeepsAnExplicitHostNamespaceOfAnUnprovisionedControlPlane() {
    fixture.givenControlPlaneObject("team-a", "billing", null, "planned-host", Map.of("billing", "on"));
    fixture.givenControlPlaneObject("team-a", "other", null, null, Map.of());

    List<ControlPlane> found = cluster.discoverControlPlanes(new ControlPlaneQuery(Set.of(), Map.of("billing", "on")));

    assertThat(found).containsExactly(ControlPlane.builder().group("team-a").name("billing")
        .hostNamespace("planned-host").provisioned(false).build());
  }

  @Test
  void discoveryWorksWhenTheControlPlaneCrdWithAStatusSubresourceIsInstalled() {
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("controlplanes.spaces.upbound.io").endMetadata()
        .withNewSpec().withGroup("spaces.upbound.io").withScope("Namespaced")
        .withNewNames().withKind("ControlPlane").withPlural("controlplanes").withSingular("controlplane").endNames()
        .addNewVersion().withName("v1beta1").withServed(true).withStorage(true)
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build()).create();

    // The fixture sees create() drop the status here and seeds it with updateStatus(), as Spaces' controller would.
    fixture.givenControlPlane("team-a", "billing", "1234", null);

    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all()))
        .containsExactly(ControlPlane.provisioned("team-a", "billing", "mxp-1234-system"));
  }

  @Test
  void twoRestartsWithinOneSecondBothChangeThePodTemplate() {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());

    cluster.restart(vector, Instant.parse("2026-11-28T19:00:00.100Z"));
    String first = fixture.restartedAt(vector);
    cluster.restart(vector, Instant.parse("2026-11-28T19:00:00.900Z"));

    assertThat(fixture.restartedAt(vector)).isNotEqualTo(first);
  }

  @Test
  void restartStampsTheTemplateAndAwaitRolloutReturnsOnceTheControllerReportsTheNewGeneration() throws Exception {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());

    cluster.restart(vector, Instant.parse("2026-11-28T19:00:00.123Z"));
    CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> cluster.awaitRollout(vector, Duration.ofSeconds(10)));

    assertThat(fixture.restartedAt(vector)).isEqualTo("2026-11-28T19:00:00.123Z");
    Thread.sleep(300);
    assertThat(wait).isNotDone();
    fixture.completeRollout(deployment(vector));
    wait.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aStuckRolloutTimesOutNamingTheWorkloadAndItsNumbers() {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());
    long generation = deployment(vector).getMetadata().getGeneration();

    cluster.restart(vector, Instant.now());

    assertThatThrownBy(() -> cluster.awaitRollout(vector, Duration.ofMillis(400)))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
          assertThat(e.resource()).isEqualTo("deployment/vector -n mxp-a-system");
        })
        .hasMessageContaining("generation " + (generation + 1) + ", observed " + generation)
        .hasMessageContaining("replicas 1, updated 1, ready 1");
  }

  @Test
  void awaitRolloutWaitsUntilNoOldReplicaIsLeft() throws Exception {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());
    cluster.restart(vector, Instant.now());
    // The surged new pod is updated and ready; the old one has not been scaled away yet.
    Deployment surged = deployment(vector);
    surged.setStatus(new DeploymentStatusBuilder().withObservedGeneration(surged.getMetadata().getGeneration())
        .withReplicas(2).withUpdatedReplicas(1).withReadyReplicas(2).build());
    client.apps().deployments().inNamespace("mxp-a-system").resource(surged).updateStatus();

    CompletableFuture<Void> wait =
        CompletableFuture.runAsync(() -> cluster.awaitRollout(vector, Duration.ofSeconds(10)));
    Thread.sleep(300);
    assertThat(wait).isNotDone();
    fixture.completeRollout(deployment(vector));
    wait.get(5, TimeUnit.SECONDS);
  }

  @Test
  void awaitingAMissingWorkloadIsNotFound() {
    WorkloadRef missing = new WorkloadRef(WorkloadKind.STATEFULSET, "mxp-a-system", "vector");

    assertThatThrownBy(() -> cluster.awaitRollout(missing, Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
        .hasMessageContaining("statefulset/vector -n mxp-a-system");
  }

  @Test
  void forbiddenListsAreForbiddenAndNameTheResource() {
    server.expect().get().withPath("/api/v1/namespaces")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
            .withMessage("namespaces is forbidden: User \"system:serviceaccount:x:y\" cannot list resource").build())
        .always();

    assertThatThrownBy(() -> cluster.observe(Set.of("mxp-a-system"), "vector"))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN);
          assertThat(e.resource()).isEqualTo("namespaces");
        })
        .hasMessageContaining("cannot list resource")
        .hasMessageContaining("RBAC");
  }

  // The mock's expect mode: the TokenRequest path answers what a test says (CRUD mode does not answer it at all).
  private static final String TOKEN_PATH = "/api/v1/namespaces/mxp-a-system/serviceaccounts/vector/token";

  @Test
  void aTokenRequestIsOnePostOfTheAudienceAndExpiryAndReturnsTheAnswersToken() throws Exception {
    server.expect().post().withPath(TOKEN_PATH)
        .andReturn(201, "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\","
            + "\"status\":{\"token\":\"header.payload.signature\",\"expirationTimestamp\":\"2026-11-28T19:10:00Z\"}}")
        .once();
    int before = server.getRequestCount();

    String token = cluster.requestServiceAccountToken("mxp-a-system", "vector", "pods.eks.amazonaws.com",
        Duration.ofMinutes(15));

    assertThat(token).isEqualTo("header.payload.signature");
    assertThat(server.getRequestCount() - before).isEqualTo(1);
    var sent = server.getLastRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getPath()).isEqualTo(TOKEN_PATH);
    var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.getBody().readUtf8());
    assertThat(body.path("kind").asText()).isEqualTo("TokenRequest");
    assertThat(body.path("spec").path("audiences")).hasSize(1);
    assertThat(body.path("spec").path("audiences").path(0).asText()).isEqualTo("pods.eks.amazonaws.com");
    assertThat(body.path("spec").path("expirationSeconds").asLong()).isEqualTo(900);
    assertThat(body.path("spec").has("boundObjectRef")).isFalse();
  }

  @Test
  void aForbiddenTokenRequestIsForbiddenNamesTheServiceAccountAndSaysRbac() {
    server.expect().post().withPath(TOKEN_PATH)
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("serviceaccounts "
            + "\"vector\" is forbidden: User \"system:serviceaccount:x:y\" cannot create resource "
            + "\"serviceaccounts/token\"").build())
        .always();

    assertThatThrownBy(() -> cluster.requestServiceAccountToken("mxp-a-system", "vector", "sts.amazonaws.com",
        Duration.ofMinutes(10)))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN);
          assertThat(e.resource()).isEqualTo("serviceaccount/vector -n mxp-a-system (token)");
        })
        .hasMessageContaining("serviceaccounts/token")
        .hasMessageContaining("RBAC");
  }

  @Test
  void anAnswerWithoutATokenIsAnErrorNotAnEmptyToken() {
    server.expect().post().withPath(TOKEN_PATH)
        .andReturn(201, "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"status\":{}}")
        .once();

    assertThatThrownBy(() -> cluster.requestServiceAccountToken("mxp-a-system", "vector", "sts.amazonaws.com",
        Duration.ofMinutes(10)))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OTHER))
        .hasMessageContaining("without a token");
  }

  @ParameterizedTest
  @CsvSource({"409, CONFLICT", "410, GONE", "504, TIMEOUT", "500, OTHER"})
  void apiErrorsMapToTheirReasonAndNameTheResource(int code, Reason reason) {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());
    server.expect().patch().withPath("/apis/apps/v1/namespaces/mxp-a-system/deployments/vector")
        .andReturn(code, new StatusBuilder().withCode(code).withMessage("answer " + code).build())
        .always();

    assertThatThrownBy(() -> withoutRetries().restart(vector, Instant.now()))
        .isInstanceOfSatisfying(ClusterApiException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.resource()).isEqualTo("deployment/vector -n mxp-a-system");
        })
        .hasMessageContaining("HTTP " + code)
        .hasMessageContaining("answer " + code);
  }

  @Test
  void aRequestThatTimesOutIsATimeout() {
    server.expect().get().delay(2, TimeUnit.SECONDS).withPath("/api/v1/namespaces")
        .andReturn(200, new NamespaceListBuilder().build()).always();
    KubernetesClient impatient = server.createClient(b -> b.editOrNewConfig().withRequestTimeout(200)
        .withRequestRetryBackoffLimit(0).endConfig());

    try (Fabric8Cluster timingOut = new Fabric8Cluster(impatient)) {
      assertThatThrownBy(() -> timingOut.observe(Set.of("mxp-a-system"), "vector"))
          .isInstanceOfSatisfying(ClusterApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.resource()).isEqualTo("namespaces");
          });
    }
  }

  // The client retries 5xx answers with backoff by default; these tests are about the answer, not the retries.
  private Fabric8Cluster withoutRetries() {
    KubernetesClient once = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    clientsToClose.add(once);
    return new Fabric8Cluster(once);
  }

  @Test
  void theProviderIsFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(dev.billingidentity.spi.cluster.ClusterBackendProvider.class).stream()
        .map(ServiceLoader.Provider::type)).contains(Fabric8ClusterProvider.class);
  }

  private Deployment deployment(WorkloadRef ref) {
    return client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
  }
}
