package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.kubernetes.controller.ControllerSettings;
import dev.billingidentity.testing.cluster.IdentityEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The operator on a sandbox, through the real adapters over HTTP: configured by a {@code BillingIdentity}
 * resource, it converges and reports {@code Ready=True}; a new control plane gets credentialed pods within 5 s for
 * at most 10 AWS calls (the fake AWS server's call log); the resource's status, Events, finalizer and the
 * endpoints behave as a platform team expects.
 */
class BillingIdentityOperatorOnSandboxTest {
  private static final int CONTROL_PLANES = 20;

  private Sandbox sandbox;
  private AwsAdapters aws;
  private Operator operator;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().controlPlanes(CONTROL_PLANES).start();
    client = sandbox.kubernetesClient();
    aws = AwsAdapters.builder().region(Sandbox.REGION).endpointOverride(sandbox.awsEndpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)))
        .build();
    operator = Operator.start(client, region -> aws.backend(), fast());
  }

  static Operator.Options fast() {
    return Operator.Options.defaults("default")
        .withController(ControllerSettings.defaults("default").withIdentity("test-operator")
            .withLeaseTimings(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(200))
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)))
        .withTimings(OperatorTimings.defaults().withDebounce(Duration.ofMillis(200))
            .withCredentialRetryDelay(Duration.ofSeconds(1)))
        .withEndpoints("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    operator.close();
    aws.close();
    sandbox.close();
  }

  static GenericKubernetesResource billingIdentity(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion(BillingIdentityResources.API_VERSION)
        .withKind(BillingIdentityResources.KIND).withNewMetadata().withName(name).endMetadata()
        .addToAdditionalProperties("spec", spec).build();
  }

  static Map<String, Object> podIdentitySpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("mode", "pod-identity");
    spec.put("cluster", Sandbox.CLUSTER);
    spec.put("roleName", "spaces-billing");
    spec.put("bucket", "acme-billing");
    spec.put("region", Sandbox.REGION);
    return spec;
  }

  private GenericKubernetesResource get(String name) {
    return client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName(name).get();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> status(String name) {
    GenericKubernetesResource r = get(name);
    return r == null ? Map.of() : (Map<String, Object>) r.getAdditionalProperties().getOrDefault("status", Map.of());
  }

  private Optional<Map<?, ?>> condition(String name, String type) {
    return ResourceStatus.condition(status(name), type);
  }

  private boolean ready(String name) {
    return condition(name, "Ready").map(c -> "True".equals(c.get("status"))).orElse(false);
  }

  private boolean credentialed(String ns) {
    List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
    return !pods.isEmpty() && pods.stream().allMatch(p -> p.getSpec().getContainers().stream()
        .flatMap(c -> c.getEnv().stream()).map(EnvVar::getName)
        .anyMatch(IdentityEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI::equals));
  }

  private static HttpResponse<String> http(URI uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void convergesReportsReadyAndANewControlPlaneGetsCredentialsWithinFiveSecondsForAtMostTenAwsCalls()
      throws Exception {
    client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
        .resource(billingIdentity("billing", podIdentitySpec())).create();

    await("Ready=True", Duration.ofSeconds(60), () -> ready("billing"));
    assertThat(status("billing")).containsEntry("observedGeneration", 1)
        .containsEntry("counts", Map.of("controlPlanes", CONTROL_PLANES, "healthy", CONTROL_PLANES, "pending", 0,
            "findings", 0))
        .containsEntry("roleArn", "arn:aws:iam::" + Sandbox.ACCOUNT_ID + ":role/spaces-billing");
    assertThat(sandbox.hostNamespaces()).allMatch(this::credentialed);
    assertThat(condition("billing", "Blocked")).get().satisfies(c -> assertThat(c.get("status")).isEqualTo("False"));
    assertThat(condition("billing", "Degraded")).get().satisfies(c -> assertThat(c.get("status")).isEqualTo("False"));

    Thread.sleep(500); // let the first pass's last requests land before counting
    sandbox.aws().calls().reset();
    Instant added = Instant.now();
    String ns = sandbox.addControlPlane("default");
    await("the new control plane's vector pod has credentials", Duration.ofSeconds(5), () -> credentialed(ns));
    Duration took = Duration.between(added, Instant.now());
    await("the new control plane counted healthy", Duration.ofSeconds(5), () -> status("billing").get("counts")
        .equals(Map.of("controlPlanes", CONTROL_PLANES + 1, "healthy", CONTROL_PLANES + 1, "pending", 0,
            "findings", 0)));

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(sandbox.aws().calls().total()).as(sandbox.aws().calls().toString()).isLessThanOrEqualTo(10);
    assertThat(sandbox.aws().calls().writesByOperation())
        .containsExactly(Map.entry("CreatePodIdentityAssociation", 1L));
    assertThat(ready("billing")).isTrue();
    assertThat(status("billing").get("lastApply")).asString().contains("kind=Incremental", "changes=1",
        "restarts=1");

    URI endpoints = operator.endpoints();
    assertThat(http(endpoints.resolve("/healthz")).statusCode()).isEqualTo(200);
    assertThat(http(endpoints.resolve("/readyz")).statusCode()).isEqualTo(200);
    String metrics = http(endpoints.resolve("/metrics")).body();
    assertThat(metrics).contains("billing_identity_aws_calls_total{operation=\"eks.createPodIdentityAssociation\"}",
        "billing_identity_reconciles_total{kind=\"FullResync\"}",
        "billing_identity_reconciles_total{kind=\"Incremental\"}", "billing_identity_writes_total",
        "billing_identity_queue_depth", "billing_identity_time_to_credentials_seconds_count",
        "billing_identity_reconcile_failures_total", "billing_identity_leader 1.0");

    List<Event> events = client.v1().events().inNamespace(ResourceEvents.NAMESPACE).list().getItems().stream()
        .filter(e -> "billing".equals(e.getInvolvedObject().getName())).toList();
    assertThat(events).extracting(Event::getReason).contains("Applied", "Restarted");
    assertThat(events).filteredOn(e -> e.getReason().equals("Applied"))
        .anySatisfy(e -> assertThat(e.getMessage()).contains(ns));
  }

  @Test
  void anInvalidSpecIsBlockedNamingTheFieldAndAFixedOneConverges() throws Exception {
    Map<String, Object> spec = podIdentitySpec();
    spec.put("roleName", "no spaces allowed");
    spec.put("buckett", "typo");
    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).resource(billingIdentity("bad", spec))
        .create();

    await("Blocked=True", Duration.ofSeconds(30), () -> condition("bad", "Blocked")
        .map(c -> "True".equals(c.get("status"))).orElse(false));
    Map<?, ?> blocked = condition("bad", "Blocked").orElseThrow();
    assertThat(blocked.get("reason")).isEqualTo("InvalidSpec");
    assertThat((String) blocked.get("message")).contains("spec.roleName", "no spaces allowed", "spec.buckett");
    assertThat(sandbox.aws().calls().total()).isZero();

    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName("bad").edit(r -> {
      r.setAdditionalProperty("spec", podIdentitySpec());
      return r;
    });
    await("Ready=True once fixed", Duration.ofSeconds(60), () -> ready("bad"));
  }

  @Test
  void deletionPolicyDeleteRemovesTheAssociationsAndRetainLeavesThem() throws Exception {
    Map<String, Object> spec = podIdentitySpec();
    spec.put("deletionPolicy", "Delete");
    spec.put("controlPlanes", Map.of("groups", List.of("default")));
    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).resource(billingIdentity("billing", spec))
        .create();
    await("Ready=True", Duration.ofSeconds(60), () -> ready("billing"));
    assertThat(get("billing").getMetadata().getFinalizers()).containsExactly(BillingIdentityResources.FINALIZER);
    assertThat(sandbox.aws().associations(Sandbox.CLUSTER)).hasSize(CONTROL_PLANES);

    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName("billing").delete();

    await("the resource is gone", Duration.ofSeconds(30), () -> get("billing") == null);
    assertThat(sandbox.aws().associations(Sandbox.CLUSTER)).isEmpty();
    assertThat(sandbox.aws().role("spaces-billing")).isPresent(); // a part of the Space: the role stays

    client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
        .resource(billingIdentity("kept", podIdentitySpec())).create();
    await("Ready=True", Duration.ofSeconds(60), () -> ready("kept"));
    assertThat(get("kept").getMetadata().getFinalizers()).isNullOrEmpty();
    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName("kept").delete();
    await("the resource is gone", Duration.ofSeconds(30), () -> get("kept") == null);
    Thread.sleep(500);
    assertThat(sandbox.aws().associations(Sandbox.CLUSTER)).hasSize(CONTROL_PLANES);
  }
  @Test
  void aStandByTakesOverWhenTheLeaderStopsAndFinishesTheWork() throws Exception {
    // The stand-by starts once the first operator holds the lease: two replicas started together race for it, and
    // on a loaded machine the one started second can win.
    await("the first operator leads", Duration.ofSeconds(20), operator::isLeader);
    Operator.Options fast = fast();
    Operator standBy = Operator.start(client, region -> aws.backend(), fast.withController(
        fast.controller().withIdentity("stand-by")));
    try {
      client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
          .resource(billingIdentity("billing", podIdentitySpec())).create();
      await("Ready=True", Duration.ofSeconds(60), () -> ready("billing"));
      assertThat(operator.isLeader()).isTrue();
      assertThat(standBy.isLeader()).isFalse();
      assertThat(standBy.stats().reconciles()).isZero();

      operator.close(); // releases the lease after its pass
      String ns = sandbox.addControlPlane("default");

      await("the stand-by leads", Duration.ofSeconds(20), standBy::isLeader);
      await("the new control plane's pod has credentials", Duration.ofSeconds(30), () -> credentialed(ns));
      await("counted healthy by the new leader", Duration.ofSeconds(10), () -> status("billing").get("counts")
          .equals(Map.of("controlPlanes", CONTROL_PLANES + 1, "healthy", CONTROL_PLANES + 1, "pending", 0,
              "findings", 0)));
      assertThat(standBy.stats().failures()).isZero();
      assertThat(sandbox.aws().associations(Sandbox.CLUSTER)).hasSize(CONTROL_PLANES + 1);
    } finally {
      standBy.close();
    }
  }
}
