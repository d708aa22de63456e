package dev.billingidentity.benchmarks;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.testing.server.FakeAwsServer;
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
 * HTTP to the fake AWS server (the latency is added inside the server), otherwise through the in-memory ports.
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
    System.out.printf(Locale.ROOT, "AWS via %s; latency per AWS call and per Kubernetes request: %d ms; "
        + "peak heap: %d MiB%n", http ? "SDK adapters over HTTP to the fake AWS server" : "in-memory ports",
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
    FakeSpace space = FakeSpace.withControlPlanes(n).build();
    space.aws().trustPolicyQuota(8192);
    space.aws().faults().latency("*", latency);
    space.cluster().requestLatency(latency);
    FakeAwsServer server = http ? FakeAwsServer.start(space.aws()) : null;
    AwsAdapters adapters = http ? AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
        .build() : null;
    try {
      return scenarios(mode, n, latency, space,
          identity(mode, n).using(http ? adapters.backend() : space.aws().backend(), space.cluster())
              .forControlPlanes(ControlPlanes.discovered()));
    } finally {
      if (http) {
        adapters.close();
        server.close();
      }
    }
  }

  private static List<Row> scenarios(String mode, int n, Duration latency, FakeSpace space, BillingIdentity bi) {
    List<Row> rows = new ArrayList<>();
    long baselineFirst = NaiveGuideScript.firstApply(mode, n, latency);
    rows.add(measure(mode, n, "first apply", space, bi, baselineFirst));
    rows.add(measure(mode, n, "no-op re-apply", space, bi, NaiveGuideScript.reapply(mode, n, latency)));
    int tenth = Math.max(1, n / 10);
    for (int i = 0; i < tenth; i++) {
      space.removeControlPlane(space.hostNamespaces().get(0));
      space.addControlPlane("default");
    }
    rows.add(measure(mode, n, "+10% -10%", space, bi, NaiveGuideScript.churn(mode, n, tenth, latency)));
    return rows;
  }

  private static BillingIdentity identity(String mode, int n) {
    if (mode.equals("irsa")) {
      // IRSA at scale needs the opt-in pattern or a raised quota; the benchmark raises the quota and, past what
      // 8,192 characters hold, opts in, as a user would.
      return BillingIdentity.irsa(IrsaSettings.builder().cluster(FakeSpace.CLUSTER).role(ROLE).storage(STORAGE)
          .trustPolicyQuota(8192).allowHostNamespacePattern(n > 90).build());
    }
    return BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER).role(ROLE)
        .storage(STORAGE).build());
  }

  private static Row measure(String mode, int n, String scenario, FakeSpace space, BillingIdentity bi, long baseline) {
    space.aws().calls().reset();
    space.cluster().requests().reset();
    long start = System.nanoTime();
    ApplyResult result = bi.apply();
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    if (!result.verification().drift().stream().allMatch(f -> f.check().startsWith("service-account")
        || f.check().equals("pod-env"))) {
      throw new IllegalStateException("apply did not converge: " + result.verification().render());
    }
    return new Row(mode, n, scenario, millis, space.aws().calls().reads(), space.aws().calls().writes(),
        space.cluster().requests().total(), baseline);
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
