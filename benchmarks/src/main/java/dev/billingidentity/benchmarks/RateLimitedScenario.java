package dev.billingidentity.benchmarks;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.RateLimit;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * Pod Identity against an EKS that throttles as AWS does (the fakes' token bucket, {@link RateLimit}): the first apply
 * of N control planes, then a no-op re-apply. Prints the EKS calls answered (not throttled) per second of wall time
 * against the limit, the throttling answers, wall time, and the re-apply's AWS reads against the bound
 * N + 2 * ceil(N / 100) + 10 (reads answered; throttled attempts apart).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.billingidentity.benchmarks.RateLimitedScenario
 * [rps=20] [burst=20] [controlPlanes=400] [latencyMs=20] [concurrency=8] [memory|http|http-adaptive|http-single]}:
 * in memory, or through the SDK adapters over HTTP to the sandbox's fake AWS server (the SDK's standard retry mode,
 * its {@code ADAPTIVE_V2} with its own client-side rate limiter, or no SDK retry at all), the cluster through fabric8
 * to the mock API server.
 */
public final class RateLimitedScenario {
  private static PodIdentitySettings settings(String cluster) {
    return PodIdentitySettings.builder().cluster(cluster).role(IamRole.named("spaces-billing"))
        .storage(BillingStorage.s3("us-east-1", "acme-billing")).build();
  }

  private RateLimitedScenario() {}

  public static void main(String[] args) {
    double rps = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    int burst = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    Duration latency = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 20);
    int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    String mode = args.length > 5 ? args[5] : "memory";
    RateLimit limit = new RateLimit(rps, burst);
    ApplyOptions options = ApplyOptions.defaults().withConcurrency(concurrency);
    System.out.printf(Locale.ROOT, "EKS limited to %s, %d ms per call, %d control planes, concurrency %d, %s%n",
        limit, latency.toMillis(), n, concurrency, mode);

    if (mode.equals("memory")) {
      FakeSpace space = FakeSpace.withControlPlanes(n).build();
      space.aws().faults().latency("*", latency).rateLimit("EKS", limit);
      space.cluster().requestLatency(latency);
      BillingIdentity podIdentity = BillingIdentity.podIdentity(settings(FakeSpace.CLUSTER))
          .using(space.aws().backend(), space.cluster())
          .forControlPlanes(ControlPlanes.discovered()).withOptions(options);
      steps(podIdentity, space.aws(), FakeSpace.CLUSTER, rps, n);
      return;
    }
    AwsAdapters.Builder sdk = AwsAdapters.builder().region(Sandbox.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)))
        .retryMode(mode.equals("http-adaptive") ? RetryMode.ADAPTIVE_V2 : RetryMode.STANDARD);
    if (mode.equals("http-single")) {
      sdk.retryMaxAttempts(1); // every throttling answer reaches the library at once
    }
    try (Sandbox sandbox = Sandbox.builder().controlPlanes(n).start();
        AwsAdapters adapters = sdk.endpointOverride(sandbox.awsEndpoint()).build()) {
      sandbox.aws().faults().latency("*", latency).rateLimit("EKS", limit);
      sandbox.kubernetesLatency(latency);
      BillingIdentity podIdentity = BillingIdentity.podIdentity(settings(Sandbox.CLUSTER))
          .using(adapters.backend(), new Fabric8Cluster(sandbox.kubernetesClient()))
          .forControlPlanes(ControlPlanes.discovered()).withOptions(options);
      steps(podIdentity, sandbox.aws(), Sandbox.CLUSTER, rps, n);
    }
  }

  /** The calls of {@code byOperation} that were answered, not throttled. */
  private static long answered(java.util.Map<String, Long> byOperation, InMemoryAws aws) {
    return byOperation.entrySet().stream().mapToLong(e -> e.getValue() - aws.calls().throttled(e.getKey())).sum();
  }

  private static void steps(BillingIdentity podIdentity, InMemoryAws aws, String cluster, double rps, int n) {
    step("first apply", podIdentity, aws, cluster, rps, n);
    step("no-op re-apply", podIdentity, aws, cluster, rps, n);
  }

  private static void step(String name, BillingIdentity podIdentity, InMemoryAws aws, String cluster, double rps,
      int n) {
    aws.calls().reset();
    long start = System.nanoTime();
    ApplyResult result;
    try {
      result = podIdentity.apply();
    } catch (RuntimeException e) {
      CallCounts eks = aws.callsByService().getOrDefault("EKS", new CallCounts(0, 0));
      System.out.printf(Locale.ROOT, "%-15s FAILED after %.2f s, EKS answered %d, throttled %d: %s%n", name,
          (System.nanoTime() - start) / 1e9, eks.accepted(), eks.throttled(),
          e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    CallCounts eks = aws.callsByService().getOrDefault("EKS", new CallCounts(0, 0));
    long associations = aws.associations(cluster).size();
    long bound = n + 2L * ((n + 99) / 100) + 10;
    long readsAnswered = answered(aws.calls().readsByOperation(), aws);
    long writesAnswered = answered(aws.calls().writesByOperation(), aws);
    System.out.printf(Locale.ROOT, "%-15s wall %6.2f s  EKS answered %5d = %5.1f/s = %3.0f%% of the limit  "
        + "throttled %4d  AWS reads answered %5d (bound %d)  writes answered %4d  associations %d  association drift %d%n",
        name, seconds, eks.accepted(), eks.accepted() / seconds, 100 * eks.accepted() / seconds / rps,
        eks.throttled(), readsAnswered, bound, writesAnswered, associations,
        result.verification().drift().stream().filter(f -> f.check().equals("association")).count());
  }
}
