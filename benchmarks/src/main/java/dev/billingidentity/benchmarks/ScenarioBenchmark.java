package dev.billingidentity.benchmarks;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.testing.aws.InMemoryAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scenario benchmark: apply for IRSA and Pod Identity at 10, 100 and 1,000 control planes, with a set latency per
 * AWS call and per Kubernetes request — first apply, no-op re-apply, and apply after 10% of control planes were added
 * and 10% removed — beside a naive baseline that follows the guide literally (one control plane at a time, one call
 * per step). Prints wall time, AWS calls (reads, writes), Kubernetes requests, peak heap, and the ratio.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.billingidentity.benchmarks.ScenarioBenchmark
 * [latencyMs=20] [sizes=10,100,1000] [http]}; with {@code http}, AWS is reached through the real SDK adapters over
 * HTTP to the fake AWS server, and the cluster through the real fabric8 adapter over HTTP to fabric8's mock API server
 * in CRUD mode (both servers add the latency before they answer); otherwise both through the in-memory ports.
 */
public final class ScenarioBenchmark {
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  private static final IamRole ROLE = IamRole.named("spaces-billing");

  private ScenarioBenchmark() {}

  /** One measured step. */
  record Row(String mode, int controlPlanes, String scenario, long millis, long awsReads, long awsWrites,
      long kubeRequests, long baselineMillis) {
    String ratio() {
      return baselineMillis <= 0 ? "-" : String.format(Locale.ROOT, "%.1fx", (double) baselineMillis / Math.max(1, millis));
    }
  }

  public static void main(String[] args) {
    Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 20);
    int[] sizes = args.length > 1
        ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {10, 100, 1000};
    boolean http = args.length > 2 && args[2].equals("http");
    List<Row> rows = new ArrayList<>();
    for (String mode : List.of("irsa", "pod-identity")) {
      for (int n : sizes) {
        rows.addAll(run(mode, n, latency, http));
      }
    }
    System.out.printf(Locale.ROOT, "AWS and cluster via %s; latency per AWS call and per Kubernetes request: %d ms; "
        + "peak heap: %d MiB%n", http ? "SDK and fabric8 adapters over HTTP to the fake AWS server and fabric8's "
        + "mock API server" : "in-memory ports",
        latency.toMillis(), peakHeapMiB());
    System.out.printf(Locale.ROOT, "%-13s %6s %-18s %9s %9s %10s %9s %12s %7s%n", "mode", "CPs", "scenario",
        "wall ms", "AWS reads", "AWS writes", "k8s reqs", "baseline ms", "ratio");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "%-13s %6d %-18s %9d %9d %10d %9d %12s %7s%n", r.mode(), r.controlPlanes(),
          r.scenario(), r.millis(), r.awsReads(), r.awsWrites(), r.kubeRequests(),
          r.baselineMillis() <= 0 ? "-" : Long.toString(r.baselineMillis()), r.ratio());
    }
  }

  private static List<Row> run(String mode, int n, Duration latency, boolean http) {
    if (!http) {
      FakeSpace space = FakeSpace.withControlPlanes(n).build();
      space.aws().trustPolicyQuota(8192);
      space.aws().faults().latency("*", latency);
      space.cluster().requestLatency(latency);
      return scenarios(mode, n, latency, space.aws(), new InMemoryClusterSide(space), identity(mode, n,
          FakeSpace.CLUSTER).using(space.aws().backend(), space.cluster()).forControlPlanes(ControlPlanes.discovered()));
    }
    // The sandbox: the fake AWS server and fabric8's mock API server, seeded as Spaces seeds a host cluster.
    try (Sandbox sandbox = Sandbox.builder().controlPlanes(n).start();
        AwsAdapters adapters = AwsAdapters.builder().region(Sandbox.REGION).endpointOverride(sandbox.awsEndpoint())
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)))
            .build()) {
      sandbox.aws().trustPolicyQuota(8192);
      sandbox.aws().faults().latency("*", latency);
      sandbox.kubernetesLatency(latency);
      // The adapter on the sandbox's client, which the sandbox owns and closes.
      Fabric8Cluster cluster = new Fabric8Cluster(sandbox.kubernetesClient());
      return scenarios(mode, n, latency, sandbox.aws(), new SandboxClusterSide(sandbox, latency),
          identity(mode, n, Sandbox.CLUSTER).using(adapters.backend(), cluster)
              .forControlPlanes(ControlPlanes.discovered()));
    }
  }

  /** The cluster the library observes: where control planes come and go, and who counts its requests. */
  private interface ClusterSide {
    void replaceOldestControlPlane();

    long requests();

    void resetRequests();
  }

  /** The in-memory cluster of the {@link FakeSpace}. */
  private record InMemoryClusterSide(FakeSpace space) implements ClusterSide {
    @Override
    public void replaceOldestControlPlane() {
      space.removeControlPlane(space.hostNamespaces().get(0));
      space.addControlPlane("default");
    }

    @Override
    public long requests() {
      return space.cluster().requests().total();
    }

    @Override
    public void resetRequests() {
      space.cluster().requests().reset();
    }
  }

  /** The sandbox's mock API server: HTTP requests as the server counts them, from the last reset. */
  private static final class SandboxClusterSide implements ClusterSide {
    private final Sandbox sandbox;
    private final Duration latency;
    private long counted;

    SandboxClusterSide(Sandbox sandbox, Duration latency) {
      this.sandbox = sandbox;
      this.latency = latency;
    }

    @Override
    public void replaceOldestControlPlane() {
      // Spaces' own requests are not the library's: made without latency, and not counted (reset before measuring).
      sandbox.kubernetesLatency(Duration.ZERO);
      sandbox.removeControlPlane(sandbox.hostNamespaces().get(0));
      sandbox.addControlPlane("default");
      sandbox.kubernetesLatency(latency);
    }

    @Override
    public long requests() {
      return sandbox.kubernetesRequests() - counted;
    }

    @Override
    public void resetRequests() {
      counted = sandbox.kubernetesRequests();
    }
  }

  private static List<Row> scenarios(String mode, int n, Duration latency, InMemoryAws aws, ClusterSide cluster,
      BillingIdentity bi) {
    List<Row> rows = new ArrayList<>();
    long baselineFirst = NaiveGuideScript.firstApply(mode, n, latency);
    rows.add(measure(mode, n, "first apply", aws, cluster, bi, baselineFirst));
    rows.add(measure(mode, n, "no-op re-apply", aws, cluster, bi, NaiveGuideScript.reapply(mode, n, latency)));
    int tenth = Math.max(1, n / 10);
    for (int i = 0; i < tenth; i++) {
      cluster.replaceOldestControlPlane();
    }
    rows.add(measure(mode, n, "+10% -10%", aws, cluster, bi, NaiveGuideScript.churn(mode, n, tenth, latency)));
    return rows;
  }

  private static BillingIdentity identity(String mode, int n, String cluster) {
    if (mode.equals("irsa")) {
      // IRSA at scale needs the opt-in pattern or a raised quota; the benchmark raises the quota and, past what
      // 8,192 characters hold, opts in, as a user would.
      return BillingIdentity.irsa(IrsaSettings.builder().cluster(cluster).role(ROLE).storage(STORAGE)
          .trustPolicyQuota(8192).allowHostNamespacePattern(n > 90).build());
    }
    return BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(cluster).role(ROLE)
        .storage(STORAGE).build());
  }

  private static Row measure(String mode, int n, String scenario, InMemoryAws aws, ClusterSide cluster,
      BillingIdentity bi, long baseline) {
    aws.calls().reset();
    cluster.resetRequests();
    long start = System.nanoTime();
    ApplyResult result = bi.apply();
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    if (!result.verification().drift().stream().allMatch(f -> f.check().startsWith("service-account")
        || f.check().equals("pod-env"))) {
      throw new IllegalStateException("apply did not converge: " + result.verification().render());
    }
    return new Row(mode, n, scenario, millis, aws.calls().reads(), aws.calls().writes(),
        cluster.requests(), baseline);
  }

  private static long peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
