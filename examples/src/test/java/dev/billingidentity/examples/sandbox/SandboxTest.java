package dev.billingidentity.examples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.cluster.IdentityEnv;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
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
    HttpResponse<String> answer = admin("POST", "/helm-values", IRSA_FLAGS.lines()
        .filter(l -> !l.contains("bucket")).reduce("", (a, b) -> a + b + "\n"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("billing.storage.aws.bucket");
    assertThat(observe().serviceAccount(sandbox.hostNamespaces().get(0)).orElseThrow().annotations())
        .doesNotContainKey(HelmValues.ROLE_ARN_ANNOTATION);
  }

  @Test
  void valuesWithWhichARealSpaceWouldNotUseTheRoleAreRefused() throws Exception {
    // The chart's default secretRef is the static-key secret: vector would use keys, not the role.
    HttpResponse<String> staticSecret = admin("POST", "/helm-values", IRSA_FLAGS.lines()
        .filter(l -> !l.contains("secretRef")).reduce("", (a, b) -> a + b + "\n"));
    HttpResponse<String> disabled = admin("POST", "/helm-values",
        IRSA_FLAGS.replace("billing.enabled=true", "billing.enabled=false"));

    assertThat(staticSecret.statusCode()).isEqualTo(400);
    assertThat(staticSecret.body()).contains("billing.storage.secretRef.name", "billing-storage");
    assertThat(disabled.statusCode()).isEqualTo(400);
    assertThat(disabled.body()).contains("billing.enabled", "false");
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
    assertThat(cluster.observe(Set.of(ns), "vector").existingNamespaces()).isEmpty();
    assertThat(admin("DELETE", "/control-planes/mxp-unknown-system", null).statusCode()).isEqualTo(404);
  }

  @Test
  void describesItsApiSoThatKubectlCanListWhatTheSpaceHolds() throws Exception {
    // What kubectl asks first, with the timeout it adds: the API's resources, not the store's whole content.
    HttpResponse<String> core = http.send(HttpRequest.newBuilder(URI.create(sandbox.kubernetesUrl()
        + "/api/v1?timeout=32s")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> groups = http.send(HttpRequest.newBuilder(URI.create(sandbox.kubernetesUrl() + "/apis"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(core.body()).contains("\"kind\":\"APIResourceList\"", "\"name\":\"serviceaccounts\"",
        "\"name\":\"namespaces\"", "\"name\":\"pods\"");
    assertThat(groups.body()).contains("\"kind\":\"APIGroupList\"", "apps/v1", "spaces.upbound.io/v1beta1");
  }

  @Test
  void itsAwsThrottlesBeyondARateLimitAndCountsAcceptedAndThrottledPerServiceOnTheAdminEndpoint() throws Exception {
    try (Sandbox limited = Sandbox.builder().controlPlanes(1).rateLimit("EKS", new RateLimit(0.001, 2))
        .awsLatency(Duration.ofMillis(5)).start()) {
      HttpRequest describe = HttpRequest.newBuilder(URI.create(limited.awsEndpoint() + "/clusters/"
          + Sandbox.CLUSTER)).build();
      List<Integer> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        statuses.add(http.send(describe, HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      URI awsCalls = URI.create(limited.adminEndpoint() + "/aws-calls");
      HttpResponse<String> counts = http.send(HttpRequest.newBuilder(awsCalls).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> reset = http.send(HttpRequest.newBuilder(awsCalls).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> afterReset = http.send(HttpRequest.newBuilder(awsCalls).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(statuses).as("the seeding took no token: the burst of 2 passes, then EKS's 429")
          .containsExactly(200, 200, 429);
      assertThat(limited.awsRateLimits()).containsExactly(java.util.Map.entry("EKS", new RateLimit(0.001, 2)));
      assertThat(limited.awsLatency()).isEqualTo(Duration.ofMillis(5));
      assertThat(counts.body()).isEqualTo("EKS calls=3 accepted=2 throttled=1\n");
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(afterReset.body()).isEmpty();
      assertThat(limited.awsCallsByService()).isEmpty();
    }
  }

  @Test
  void theAwsCallsReportNamesEachServiceOnOneLineWithoutSpaces() {
    assertThat(SandboxAdmin.awsCalls(java.util.Map.of("EKS Auth", new CallCounts(3, 1), "IAM", new CallCounts(2, 0))))
        .isEqualTo("EKS-Auth calls=3 accepted=2 throttled=1\nIAM calls=2 accepted=2 throttled=0\n");
  }

  @Test
  void refusesARateLimitOfAServiceItHasNotAndANegativeLatency() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Sandbox.builder()
        .rateLimit("Lambda", RateLimit.perSecond(1)).awsLatency(Duration.ofMillis(-1)).start());

    assertThat(e.problems()).extracting(Problem::field).containsExactlyInAnyOrder("rateLimit", "awsLatency");
    assertThat(e.getMessage()).contains("Lambda", "one of the sandbox's AWS services [EKS, EKS Auth, IAM, S3, STS]",
        "between 0 and 60000 ms");
  }

  @Test
  void refusesEveryBadSettingAtOnceBeforeStartingAnything() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Sandbox.builder()
        .controlPlanes(-1).groups("Team A").awsPort(70000).kubePort(5000).adminPort(5000).start());

    assertThat(e.problems()).extracting(Problem::field)
        .containsExactlyInAnyOrder("controlPlanes", "groups", "awsPort", "adminPort");
    assertThat(e.getMessage()).contains("-1", "Team A", "70000", "kubePort has it");
  }

  @Test
  void aPortInUseFailsTheStartAndLeavesNothingRunning() throws Exception {
    Set<Thread> before = liveNonDaemonThreads();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> Sandbox.builder().controlPlanes(1).kubePort(busy.getLocalPort()).start())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(busy.getLocalPort()));
    }
    // A non-daemon thread left behind (Vert.x's) would keep an embedding JVM alive after a failed start. Threads
    // being stopped take a moment, and Netty's global executor ends itself after a second of quiet: wait for both.
    Instant deadline = Instant.now().plusSeconds(10);
    while (!before.containsAll(liveNonDaemonThreads()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(liveNonDaemonThreads()).isSubsetOf(before);
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }

  @Test
  void theAdminEndpointAnswersOnlyItsOwnPathsAndRefusesABadGroup() throws Exception {
    assertThat(admin("POST", "/helm-valuesXYZ", IRSA_FLAGS).statusCode()).isEqualTo(404);
    assertThat(admin("GET", "/control-planesXYZ", null).statusCode()).isEqualTo(404);
    HttpResponse<String> badGroup = admin("POST", "/control-planes?group=Bad%20Group", null);

    assertThat(badGroup.statusCode()).isEqualTo(400);
    assertThat(badGroup.body()).contains("group", "Bad Group");
    assertThat(sandbox.hostNamespaces()).hasSize(2);
  }
}
