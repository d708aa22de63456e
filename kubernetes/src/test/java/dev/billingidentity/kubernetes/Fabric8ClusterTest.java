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
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract kit does not cover: request counts, rollout waits, error mapping, host namespace labels. */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterTest {
  KubernetesClient client;
  KubernetesMockServer server;

  private Fabric8Cluster cluster;
  private MockClusterFixture fixture;

  @BeforeEach
  void setUp() {
    cluster = new Fabric8Cluster(client, SpacesResources.VECTOR, Duration.ofMillis(50));
    fixture = new MockClusterFixture(client);
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
  void restartStampsTheTemplateAndAwaitRolloutReturnsOnceTheControllerReportsTheNewGeneration() throws Exception {
    fixture.givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture.givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector", Map.of());

    cluster.restart(vector, Instant.parse("2026-11-28T19:00:00.123Z"));
    CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> cluster.awaitRollout(vector, Duration.ofSeconds(10)));

    assertThat(fixture.restartedAt(vector)).isEqualTo("2026-11-28T19:00:00Z");
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

  @Test
  void theProviderIsFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(dev.billingidentity.spi.cluster.ClusterBackendProvider.class).stream()
        .map(ServiceLoader.Provider::type)).contains(Fabric8ClusterProvider.class);
  }

  private Deployment deployment(WorkloadRef ref) {
    return client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
  }
}
