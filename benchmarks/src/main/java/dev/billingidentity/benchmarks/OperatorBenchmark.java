package dev.billingidentity.benchmarks;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.operator.BillingIdentityResources;
import dev.billingidentity.examples.operator.Operator;
import dev.billingidentity.examples.operator.OperatorTimings;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.kubernetes.controller.ControllerSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The operator on a sandbox Space, through the real adapters over HTTP (SDK to the fake AWS server, fabric8 to the
 * mock API server), with a set latency on every AWS call and every Kubernetes request: the first convergence to
 * {@code Ready=True}, a new control plane until its vector pod has credentials, and one full resync (forced by a new
 * generation of the spec that changes nothing). Prints seconds and the AWS calls the fake AWS server answered.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.billingidentity.benchmarks.OperatorBenchmark
 * [latencyMs=20] [sizes=200,1000] [modes=pod-identity,irsa]}. IRSA runs with the Helm values applied, so that its
 * pods can get credentials, and past 10 control planes with the host-namespace pattern (exact subjects do not fit the
 * default trust quota beyond about 20).
 */
public final class OperatorBenchmark {
  private OperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 20);
    int[] sizes = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {200, 1000};
    List<String> modes = args.length > 2 ? List.of(args[2].split(",")) : List.of("pod-identity", "irsa");
    System.out.printf(Locale.ROOT, "latency per AWS call and per Kubernetes request: %d ms%n", latency.toMillis());
    System.out.println("| mode | CPs | step | seconds | AWS calls | AWS writes |");
    System.out.println("|---|---:|---|---:|---:|---:|");
    for (String mode : modes) {
      for (int n : sizes) {
        run(mode, n, latency);
      }
    }
  }

  private static void run(String mode, int n, Duration latency) throws Exception {
    try (Sandbox sandbox = Sandbox.builder().controlPlanes(n).start();
        AwsAdapters aws = AwsAdapters.builder().region(Sandbox.REGION).endpointOverride(sandbox.awsEndpoint())
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY))).build()) {
      KubernetesClient client = sandbox.kubernetesClient();
      String roleArn = "arn:aws:iam::" + Sandbox.ACCOUNT_ID + ":role/spaces-billing";
      if (mode.equals("irsa")) {
        sandbox.applyHelmValues(HelmValues.irsa(BillingStorage.s3(Sandbox.REGION, "acme-billing"), roleArn));
      }
      sandbox.aws().faults().latency("*", latency);
      sandbox.kubernetesLatency(latency);
      sandbox.aws().calls().reset();
      Operator.Options options = Operator.Options.defaults("default")
          .withController(ControllerSettings.defaults("default").withIdentity("benchmark"))
          .withTimings(OperatorTimings.defaults().withDebounce(Duration.ofMillis(200)))
          .withEndpoints("127.0.0.1", 0);
      try (Operator operator = Operator.start(client, region -> aws.backend(), options)) {
        Instant start = Instant.now();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("mode", mode);
        spec.put("cluster", Sandbox.CLUSTER);
        spec.put("roleName", "spaces-billing");
        spec.put("bucket", "acme-billing");
        spec.put("region", Sandbox.REGION);
        if (mode.equals("irsa") && n > 10) {
          spec.put("allowHostNamespacePattern", true);
        }
        client.genericKubernetesResources(BillingIdentityResources.CONTEXT).resource(
            new GenericKubernetesResourceBuilder().withApiVersion(BillingIdentityResources.API_VERSION)
                .withKind(BillingIdentityResources.KIND).withNewMetadata().withName("billing").endMetadata()
                .addToAdditionalProperties("spec", spec).build()).create();
        await(Duration.ofMinutes(10), () -> ready(client, 1));
        row(mode, n, "first convergence to Ready=True", start, sandbox);

        Thread.sleep(1000);
        sandbox.aws().calls().reset();
        String ns = sandbox.addControlPlane("default");
        Instant added = Instant.now();
        await(Duration.ofMinutes(2), () -> credentialed(client, ns, mode));
        Duration toCredentials = Duration.between(added, Instant.now());
        // The pass that handles it may end after the pod has credentials (IRSA with the pattern needs no write):
        // its AWS calls count until the status says the new control plane is healthy.
        await(Duration.ofMinutes(2), () -> healthy(client, n + 1));
        System.out.printf(Locale.ROOT, "| %s | %,d | %s | %.2f | %d | %d |%n", mode, n,
            "new control plane to a credentialed pod (AWS calls until counted healthy)",
            toCredentials.toMillis() / 1000.0, sandbox.aws().calls().total(), sandbox.aws().calls().writes());

        Thread.sleep(1000);
        sandbox.aws().calls().reset();
        Instant resync = Instant.now();
        client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName("billing").edit(r -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> s = (Map<String, Object>) r.getAdditionalProperties().get("spec");
          s.put("prune", true); // the default: a new generation, the same settings
          return r;
        });
        await(Duration.ofMinutes(10), () -> ready(client, 2));
        row(mode, n, "full resync (no drift)", resync, sandbox);
      }
    }
  }

  private static void row(String mode, int n, String step, Instant since, Sandbox sandbox) {
    System.out.printf(Locale.ROOT, "| %s | %,d | %s | %.2f | %d | %d |%n", mode, n, step,
        Duration.between(since, Instant.now()).toMillis() / 1000.0, sandbox.aws().calls().total(),
        sandbox.aws().calls().writes());
  }

  private static boolean credentialed(KubernetesClient client, String ns, String mode) {
    String variable = mode.equals("irsa") ? "AWS_ROLE_ARN" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    var pods = client.pods().inNamespace(ns).list().getItems();
    return !pods.isEmpty() && pods.stream().allMatch(p -> p.getSpec().getContainers().stream()
        .flatMap(c -> c.getEnv().stream()).map(EnvVar::getName).anyMatch(variable::equals));
  }

  private static boolean healthy(KubernetesClient client, int controlPlanes) {
    GenericKubernetesResource r = client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
        .withName("billing").get();
    return r != null && r.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        && status.get("counts") instanceof Map<?, ?> counts
        && String.valueOf(counts.get("healthy")).equals(String.valueOf(controlPlanes));
  }

  private static boolean ready(KubernetesClient client, int generation) {
    GenericKubernetesResource r = client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
        .withName("billing").get();
    if (r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
      return false;
    }
    if (!String.valueOf(status.get("observedGeneration")).equals(String.valueOf(generation))
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Ready".equals(m.get("type"))
        && "True".equals(m.get("status")));
  }

  private static void await(Duration within, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not within " + within);
      }
      Thread.sleep(50);
    }
  }
}
