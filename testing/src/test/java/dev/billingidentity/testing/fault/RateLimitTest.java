package dev.billingidentity.testing.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AWS fake's rate limits: a token bucket per service, on a clock the test moves, answering an empty bucket with
 * the service's own throttling error at once, and counted apart in the call log.
 */
class RateLimitTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T13:00:00Z"));
  private final InMemoryAws aws = new InMemoryAws().clock(clock);

  private boolean describeCluster() {
    try {
      aws.describeCluster("c");
      return true;
    } catch (ThrottlingException e) {
      return false;
    }
  }

  @Test
  void aBurstPassesThenTheBucketRefillsAtTheRateAndNeverBeyondTheBurst() {
    aws.givenCluster("c");
    aws.faults().rateLimit("EKS", new RateLimit(2, 3));

    List<Boolean> first = List.of(describeCluster(), describeCluster(), describeCluster(), describeCluster());
    clock.advance(Duration.ofMillis(499));
    boolean beforeHalfASecond = describeCluster();
    clock.advance(Duration.ofMillis(1));
    List<Boolean> afterHalfASecond = List.of(describeCluster(), describeCluster());
    clock.advance(Duration.ofMinutes(1));
    List<Boolean> afterAMinute = List.of(describeCluster(), describeCluster(), describeCluster(), describeCluster());

    assertThat(first).containsExactly(true, true, true, false);
    assertThat(beforeHalfASecond).isFalse();
    assertThat(afterHalfASecond).containsExactly(true, false);
    assertThat(afterAMinute).as("a quiet minute fills the bucket to its burst, no more").containsExactly(true, true,
        true, false);
  }

  @Test
  void anEmptyBucketIsAnsweredWithEksThrottlingAndCountedAsThrottledInTheCallLog() {
    aws.givenCluster("c");
    aws.faults().rateLimit("EKS", RateLimit.perSecond(1));
    aws.describeCluster("c");

    assertThatThrownBy(() -> aws.describeCluster("c")).isInstanceOfSatisfying(ThrottlingException.class, e -> {
      assertThat(e.service()).isEqualTo("EKS");
      assertThat(e.errorCode()).isEqualTo("TooManyRequestsException");
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.isRetryable()).isTrue();
    });
    assertThat(aws.calls().count("DescribeCluster")).isEqualTo(2);
    assertThat(aws.calls().throttled("DescribeCluster")).isEqualTo(1);
    assertThat(aws.calls().throttled()).isEqualTo(1);
    assertThat(aws.callsByService()).containsEntry("EKS", new CallCounts(2, 1));
    assertThat(aws.callsByService().get("EKS").accepted()).isEqualTo(1);
    assertThat(aws.calls()).hasToString("2 calls (2 reads, 0 writes, 1 throttled) {DescribeCluster=2}");
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @CsvSource({
      "IAM, Throttling, 400",
      "STS, Throttling, 400",
      "EKS, TooManyRequestsException, 429",
      "EKS Auth, ThrottlingException, 429",
      "S3, SlowDown, 503"})
  void eachServiceHasItsOwnBucketAndAnswersItsOwnThrottlingError(String service, String code, int status) {
    aws.givenCluster("c");
    aws.s3().givenBucket("acme-billing", aws.region());
    aws.faults().rateLimit(service, RateLimit.perSecond(1));
    List<Runnable> calls = List.of(() -> aws.findRole("r"), aws::callerIdentity, () -> aws.describeCluster("c"),
        this::assumeRoleForPodIdentityWithABadToken,
        () -> aws.backend().s3().findBucket(BillingStorage.s3(aws.region(), "acme-billing")));
    calls.forEach(Runnable::run); // the one token of the limited service

    List<String> throttledServices = new ArrayList<>();
    for (Runnable call : calls) {
      try {
        call.run();
      } catch (ThrottlingException e) {
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        throttledServices.add(e.service());
      }
    }

    assertThat(throttledServices).containsExactly(service);
    assertThat(aws.callsByService().values()).extracting(CallCounts::throttled).containsOnly(0L, 1L);
    assertThat(aws.callsByService().get(service)).isEqualTo(new CallCounts(2, 1));
  }

  /** EKS Auth refuses the token, once its rate limit let the call through. */
  private void assumeRoleForPodIdentityWithABadToken() {
    try {
      aws.assumeRoleForPodIdentity("c", "not-a-token");
    } catch (InvalidTokenException expected) {
      // answered: not throttled
    }
  }

  @Test
  void concurrentCallersShareTheBucketAndExactlyTheBurstPasses() throws Exception {
    aws.givenCluster("c");
    aws.faults().rateLimit("EKS", new RateLimit(20, 100));
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger passed = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        done.add(pool.submit((Callable<Void>) () -> {
          start.await();
          for (int i = 0; i < 10; i++) {
            if (describeCluster()) {
              passed.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(passed).hasValue(100);
    assertThat(aws.callsByService().get("EKS")).isEqualTo(new CallCounts(640, 540));
  }

  @Test
  void aThrottledCallIsAnsweredAfterTheLatencyAsAnyAnswer() {
    aws.givenCluster("c");
    aws.faults().rateLimit("EKS", RateLimit.perSecond(1)).latency("DescribeCluster", Duration.ofMillis(50));
    aws.describeCluster("c");

    long started = System.nanoTime();
    assertThat(describeCluster()).isFalse();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aRateLimitCanBeLiftedOrClearedAndInjectedThrottlesCountAsThrottledToo() {
    aws.givenCluster("c");
    aws.faults().rateLimit("EKS", RateLimit.perSecond(1));
    assertThat(aws.faults().rateLimit("EKS")).contains(new RateLimit(1, 1));
    describeCluster();
    assertThat(describeCluster()).isFalse();

    aws.faults().removeRateLimit("EKS");
    assertThat(describeCluster()).isTrue();
    aws.faults().rateLimit("IAM", RateLimit.perSecond(5)).clear();
    assertThat(aws.faults().rateLimit("IAM")).isEmpty();
    aws.faults().throttleNext("GetRole", 1);
    assertThatThrownBy(() -> aws.findRole("r")).isInstanceOf(ThrottlingException.class);

    assertThat(aws.calls().throttledByOperation()).containsEntry("DescribeCluster", 1L).containsEntry("GetRole", 1L);
  }

  @Test
  void anUnknownServiceAndAnImpossibleLimitAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> aws.faults().rateLimit("Eks", RateLimit.perSecond(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service must be one of [EKS, EKS Auth, IAM, S3, STS], was Eks");
    assertThatThrownBy(() -> RateLimit.perSecond(0)).hasMessage(
        "perSecond must be a positive number of requests a second, was 0.0");
    assertThatThrownBy(() -> RateLimit.perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimit.perSecond(5).withBurst(0)).hasMessage(
        "burst must be at least 1 request, was 0");
    assertThat(RateLimit.perSecond(0.5)).isEqualTo(new RateLimit(0.5, 1));
    assertThat(RateLimit.perSecond(2.5)).isEqualTo(new RateLimit(2.5, 3));
  }
}
