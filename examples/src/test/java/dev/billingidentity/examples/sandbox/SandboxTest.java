package dev.billingidentity.examples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.cluster.IdentityEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox as the library's own fabric8 adapter sees it through the kubeconfig it writes: a Space that Spaces,
 * its Helm chart, the Deployment controller and the EKS webhooks would have made, and an admin endpoint that plays
 * their parts for other processes.
 */
class SandboxTest {
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";
  private static final String IRSA_FLAGS = """
      --set "billing.enabled=true"
      --set "billing.storage.provider=aws"
      --set "billing.storage.aws.region=us-east-1"
      --set "billing.storage.aws.bucket=acme-billing"
      --set "billing.storage.secretRef.name="
      --set controlPlanes.vector.serviceAccount.customAnnotations."eks\\.amazonaws\\.com/role-arn"="%s"
      """.formatted(ROLE_ARN);

  @TempDir Path dir;
  private Sandbox sandbox;
  private Fabric8Cluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().controlPlanes(2).groups("team-a", "team-b").start();
    cluster = Fabric8Cluster.fromKubeconfig(sandbox.writeKubeconfig(dir.resolve("kubeconfig")));
  }

  @AfterEach
  void stop() {
    cluster.close();
    sandbox.close();
  }

  private ClusterSnapshot observe() {
    return cluster.observe(new LinkedHashSet<>(sandbox.hostNamespaces()), "vector");
  }

  private HttpResponse<String> admin(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.adminEndpoint() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void holdsProvisionedControlPlanesWithVectorRunningWithoutCredentials() {
    List<ControlPlane> discovered = cluster.discoverControlPlanes(ControlPlaneQuery.all());

    assertThat(discovered).hasSize(2).allSatisfy(cp -> assertThat(cp.provisioned()).isTrue());
    assertThat(discovered).extracting(cp -> cp.group().orElseThrow()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(discovered).extracting(cp -> cp.hostNamespace().orElseThrow())
        .containsExactlyInAnyOrderElementsOf(sandbox.hostNamespaces());
    ClusterSnapshot snapshot = observe();
    assertThat(snapshot.existingNamespaces()).containsExactlyInAnyOrderElementsOf(sandbox.hostNamespaces());
    assertThat(sandbox.hostNamespaces()).allSatisfy(ns -> assertThat(snapshot.pods(ns)).singleElement()
        .satisfies(pod -> assertThat(IdentityEnv.hasCredentials(pod.env())).isFalse()));
  }

  @Test
  void theHelmValuesEndpointAnnotatesEveryVectorServiceAccountAndPodIdentityValuesRemoveIt() throws Exception {
    HttpResponse<String> irsa = admin("POST", "/helm-values", IRSA_FLAGS);

    assertThat(irsa.statusCode()).as(irsa.body()).isEqualTo(200);
    assertThat(sandbox.hostNamespaces()).allSatisfy(ns -> assertThat(observe().serviceAccount(ns).orElseThrow()
        .annotations()).containsEntry(HelmValues.ROLE_ARN_ANNOTATION, ROLE_ARN));

    HttpResponse<String> podIdentity = admin("POST", "/helm-values",
        IRSA_FLAGS.lines().filter(l -> !l.contains("role-arn")).reduce("", (a, b) -> a + b + "\n"));

    assertThat(podIdentity.statusCode()).as(podIdentity.body()).isEqualTo(200);
    assertThat(sandbox.hostNamespaces()).allSatisfy(ns -> assertThat(observe().serviceAccount(ns).orElseThrow()
        .annotations()).doesNotContainKey(HelmValues.ROLE_ARN_ANNOTATION));
  }

  @Test
  void helmValuesWithoutTheBucketAreRefusedNamingWhatIsMissing() throws Exception {
    HttpResponse<String> answer = admin("POST", "/helm-values", "--set billing.enabled=true");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("billing.storage.aws.bucket");
    assertThat(observe().serviceAccount(sandbox.hostNamespaces().get(0)).orElseThrow().annotations())
        .doesNotContainKey(HelmValues.ROLE_ARN_ANNOTATION);
  }

  @Test
  void aRestartReplacesThePodWithOneThatHasTheIdentityThatExistsNow() {
    sandbox.applyHelmValues(HelmValues.irsa(dev.billingidentity.aws.BillingStorage.s3("us-east-1", "acme-billing"),
        ROLE_ARN));
    String ns = sandbox.hostNamespaces().get(0);
    String before = observe().pods(ns).get(0).name();
    WorkloadRef vector = new WorkloadRef(WorkloadKind.DEPLOYMENT, ns, "vector");

    cluster.restart(vector, Instant.now());
    cluster.awaitRollout(vector, Duration.ofSeconds(20));

    List<PodInfo> after = observe().pods(ns);
    assertThat(after).singleElement().satisfies(pod -> {
      assertThat(pod.name()).isNotEqualTo(before);
      assertThat(pod.env()).containsAllEntriesOf(IdentityEnv.irsa(ROLE_ARN));
    });
    // The other control plane's pod was not touched: still without credentials.
    assertThat(observe().pods(sandbox.hostNamespaces().get(1))).singleElement()
        .satisfies(pod -> assertThat(IdentityEnv.hasCredentials(pod.env())).isFalse());
  }

  @Test
  void theControlPlanesEndpointAddsListsAndDeletesControlPlanes() throws Exception {
    HttpResponse<String> added = admin("POST", "/control-planes?group=team-c", null);
    String ns = added.body().trim();

    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(admin("GET", "/control-planes", null).body().lines()).hasSize(3).contains(ns);
    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all()))
        .anySatisfy(cp -> assertThat(cp.group()).contains("team-c"));

    HttpResponse<String> deleted = admin("DELETE", "/control-planes/" + ns, null);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all())).hasSize(2);
    assertThat(cluster.observe(java.util.Set.of(ns), "vector").existingNamespaces()).isEmpty();
    assertThat(admin("DELETE", "/control-planes/mxp-unknown-system", null).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesABadControlPlaneCountOrPortBeforeStartingAnything() {
    assertThatThrownBy(() -> Sandbox.builder().controlPlanes(-1))
        .hasMessageContaining("control planes").hasMessageContaining("-1");
    assertThatThrownBy(() -> Sandbox.builder().awsPort(70000))
        .hasMessageContaining("awsPort").hasMessageContaining("70000");
  }
}
