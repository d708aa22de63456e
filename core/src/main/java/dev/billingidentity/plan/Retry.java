package dev.billingidentity.plan;

import dev.billingidentity.spi.aws.AwsServiceException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capped exponential backoff with full jitter, for the answers of AWS that mean "not yet": throttling, server
 * errors, and IAM's eventual consistency (EKS not seeing a new role for a few seconds). The SDK adapters retry
 * throttling themselves; this covers what reaches the library anyway and what the SDK cannot know is transient.
 */
public final class Retry {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  private final int maxAttempts;
  private final Duration base;
  private final Duration cap;
  private final Sleeper sleeper;

  /** Sleeps; replaceable so tests do not wait. */
  @FunctionalInterface
  public interface Sleeper {
    /** Sleeps for {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  /** At most {@code maxAttempts} attempts, backing off from {@code base} up to {@code cap}, with {@code sleeper}. */
  public Retry(int maxAttempts, Duration base, Duration cap, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.cap = cap;
    this.sleeper = sleeper;
  }

  /** 8 attempts, 100 ms base, 5 s cap: rides out IAM's usual seconds of eventual consistency. */
  public static Retry standard() {
    return new Retry(8, Duration.ofMillis(100), Duration.ofSeconds(5), d -> Thread.sleep(d.toMillis()));
  }

  /** Retries that do not sleep: for tests over in-memory fakes. */
  public static Retry withoutDelay(int maxAttempts) {
    return new Retry(maxAttempts, Duration.ZERO, Duration.ZERO, d -> {});
  }

  /** {@return how this waits: the sleeper of its backoffs, which the pacing of calls shares ({@link AdaptiveRate})} */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** AWS errors worth retrying: throttling and server errors. */
  public static boolean transientAws(RuntimeException e) {
    return e instanceof AwsServiceException a && a.isRetryable();
  }

  /** Runs {@code call}, retrying while {@code retryable} says so, up to the attempt limit. */
  public <T> T call(String what, Supplier<T> call, Predicate<RuntimeException> retryable) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= maxAttempts || !retryable.test(e)) {
          throw e;
        }
        Duration wait = backoff(attempt);
        LOG.debug("{}: attempt {} failed ({}), retrying in {} ms", what, attempt, e.getMessage(), wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Runs {@code call}, retrying transient AWS errors. */
  public <T> T call(String what, Supplier<T> call) {
    return call(what, call, Retry::transientAws);
  }

  /** Runs {@code call}, retrying transient AWS errors. */
  public void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  private Duration backoff(int attempt) {
    long capMs = cap.toMillis();
    long exp = Math.min(capMs, base.toMillis() * (1L << Math.min(attempt - 1, 20)));
    return Duration.ofMillis(exp <= 0 ? 0 : ThreadLocalRandom.current().nextLong(exp + 1));
  }
}
