package dev.billingidentity.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.spi.aws.ThrottlingException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link PacedAws} against EKS's token bucket, in virtual time: the bucket, the pacing and the retries' backoff share
 * one clock that only waits and calls move, so the run is the same on any machine (no timed assertion).
 */
class PacedAwsTest {
  private static final long MS = 1_000_000L;
  private static final double LIMIT = 20; // calls per second
  private static final int CALLS = 400;

  private final AtomicLong now = new AtomicLong();
  private final Retry retry = new Retry(8, Duration.ofMillis(100), Duration.ofSeconds(5), d -> now.addAndGet(d.toNanos()));

  /** EKS limited to 20 calls a second (burst 20), each call taking 20 ms: five calls in flight would be 250 a second. */
  private final class Bucket {
    double tokens = 20;
    long last;
    long answered;
    long throttled;

    EksPort eks() {
      return (EksPort) Proxy.newProxyInstance(EksPort.class.getClassLoader(), new Class<?>[] {EksPort.class},
          (proxy, method, args) -> {
            long t = now.addAndGet(20 * MS);
            tokens = Math.min(20, tokens + (t - last) / 1e9 * LIMIT);
            last = t;
            if (tokens < 1) {
              throttled++;
              throw new ThrottlingException("EKS", "DescribePodIdentityAssociation", "TooManyRequestsException", 429,
                  "Rate exceeded");
            }
            tokens--;
            answered++;
            return new Association((String) args[1], "arn", "c", "ns", "vector", "role", Map.of());
          });
    }
  }

  private static <T> T unused(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
      throw new AssertionError("not used");
    }));
  }

  private long run(EksPort eks) {
    for (int i = 0; i < CALLS; i++) {
      String id = "a-" + i;
      retry.call("DescribePodIdentityAssociation " + id, () -> eks.describePodIdentityAssociation("c", id));
    }
    return now.get();
  }

  @Test
  void pacedCallsGoAtTheServicesRateWithFewThrottlingAnswersAndNoneFailing() {
    Bucket bucket = new Bucket();
    PacedAws paced = PacedAws.wrap(new AwsBackend(unused(IamPort.class), unused(StsPort.class), bucket.eks(),
        unused(S3Port.class)), retry, now::get);

    long elapsed = run(paced.backend().eks());

    assertThat(bucket.answered).isEqualTo(CALLS);
    double achieved = CALLS / (elapsed / 1e9);
    assertThat(achieved).as("calls per second against a limit of 20").isGreaterThanOrEqualTo(0.8 * LIMIT);
    assertThat(bucket.throttled).as("throttling answers").isLessThan(CALLS / 10);
    assertThat(paced.rate("EKS").throttledAnswers()).isEqualTo(bucket.throttled);
    assertThat(paced.rate("IAM").rate()).as("IAM was never throttled: unpaced").isInfinite();
  }

  @Test
  void withoutThePacingTheRetriesAloneMeetThrottlingAtEveryTurn() {
    Bucket bucket = new Bucket();

    run(bucket.eks());

    assertThat(bucket.answered).isEqualTo(CALLS);
    assertThat(bucket.throttled).as("what the pacing saves").isGreaterThan(CALLS / 4);
  }
}
