package dev.billingidentity.benchmarks;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.testing.FakeSpace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pod Identity against an EKS that throttles: the first apply of N control planes with EKS limited to a rate (token
 * bucket), then a no-op re-apply. Prints the EKS calls answered per second of wall time against the limit, the
 * throttling answers, wall time, and the no-op re-apply's reads against the bound N + 2 * ceil(N / 100) + 10.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.billingidentity.benchmarks.RateLimitedScenario
 * [rps=20] [burst=20] [controlPlanes=400] [latencyMs=20] [concurrency=8]}.
 */
public final class RateLimitedScenario {
  private RateLimitedScenario() {}

  public static void main(String[] args) {
    double rps = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    int burst = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    Duration latency = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 20);
    int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 8;

    FakeSpace space = FakeSpace.withControlPlanes(n).build();
    space.aws().faults().latency("*", latency);
    space.cluster().requestLatency(latency);
    Bucket bucket = new Bucket(rps, burst);
    AwsBackend aws = space.aws().backend();
    BillingIdentity podIdentity = BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER)
            .role(IamRole.named("spaces-billing")).storage(BillingStorage.s3("us-east-1", "acme-billing")).build())
        .using(new AwsBackend(aws.iam(), aws.sts(), bucket.limit(aws.eks()), aws.s3()), space.cluster())
        .forControlPlanes(ControlPlanes.discovered())
        .withOptions(dev.billingidentity.plan.ApplyOptions.defaults().withConcurrency(concurrency));

    System.out.printf(Locale.ROOT, "EKS limited to %.1f requests/s (burst %d), %d ms per call, %d control planes, "
        + "concurrency %d, in memory%n", rps, burst, latency.toMillis(), n, concurrency);
    step("first apply", podIdentity, space, bucket, rps, n);
    step("no-op re-apply", podIdentity, space, bucket, rps, n);
  }

  private static void step(String name, BillingIdentity podIdentity, FakeSpace space, Bucket bucket, double rps,
      int n) {
    space.aws().calls().reset();
    bucket.reset();
    long start = System.nanoTime();
    ApplyResult result;
    try {
      result = podIdentity.apply();
    } catch (RuntimeException e) {
      System.out.printf(Locale.ROOT, "%-15s FAILED after %.2f s, %d EKS calls answered, %d throttled: %s%n", name,
          (System.nanoTime() - start) / 1e9, bucket.answered.sum(), bucket.throttled.sum(),
          e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long answered = bucket.answered.sum();
    long made = space.aws().associations(space.clusterName()).size();
    long bound = n + 2L * ((n + 99) / 100) + 10;
    System.out.printf(Locale.ROOT, "%-15s wall %6.2f s  EKS answered %5d  rate %5.1f/s = %3.0f%% of the limit  "
        + "throttled %4d  AWS reads %5d (bound %d)  writes %4d  associations %d  association drift %d%n", name,
        seconds, answered, answered / seconds, 100 * answered / seconds / rps, bucket.throttled.sum(),
        space.aws().calls().reads(), bound, space.aws().calls().writes(), made,
        result.verification().drift().stream().filter(f -> f.check().equals("association")).count());
    if (System.getProperty("reads") != null) {
      System.out.println("  reads: " + space.aws().calls().readsByOperation());
    }
  }

  /** EKS's token bucket, in front of the fake's EKS: a call without a token is answered 429 at once. */
  private static final class Bucket {
    private final double rps;
    private final int burst;
    private double tokens;
    private long last = System.nanoTime();
    final LongAdder answered = new LongAdder();
    final LongAdder throttled = new LongAdder();

    Bucket(double rps, int burst) {
      this.rps = rps;
      this.burst = burst;
      this.tokens = burst;
    }

    synchronized void reset() {
      answered.reset();
      throttled.reset();
    }

    private synchronized boolean take() {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * rps);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    EksPort limit(EksPort eks) {
      return (EksPort) Proxy.newProxyInstance(EksPort.class.getClassLoader(), new Class<?>[] {EksPort.class},
          (proxy, method, args) -> {
            if (method.isDefault()) {
              return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (!take()) {
              throttled.increment();
              throw new ThrottlingException("EKS", method.getName(), "TooManyRequestsException", 429,
                  "Rate exceeded");
            }
            answered.increment();
            try {
              return method.invoke(eks, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
