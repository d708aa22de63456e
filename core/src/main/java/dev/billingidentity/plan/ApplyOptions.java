package dev.billingidentity.plan;

import dev.billingidentity.validation.Problems;
import java.time.Duration;

/**
 * How an apply runs.
 *
 * @param concurrency how many concurrent changes (associations, restarts) and describes run at once, at most (default
 *     8); within it, calls to each AWS service are paced at the rate that service answers without throttling
 *     ({@link AdaptiveRate}), so a higher bound is safe against throttling, and pays where latency is high
 * @param rolloutTimeout how long a restart waits for its rollout (default 5 minutes)
 * @param trustWriteAttempts how many times a trust policy write is read back and merged again when another writer
 *     changed it in between (default 5)
 */
public record ApplyOptions(int concurrency, Duration rolloutTimeout, int trustWriteAttempts) {
  /** Checks every option together and throws one {@code InvalidInputException} naming each out of range. */
  public ApplyOptions {
    Problems p = new Problems();
    p.require(concurrency >= 1 && concurrency <= 64, "options.concurrency", concurrency, "between 1 and 64");
    p.require(rolloutTimeout != null && !rolloutTimeout.isNegative() && !rolloutTimeout.isZero(),
        "options.rolloutTimeout", rolloutTimeout, "a positive duration");
    p.require(trustWriteAttempts >= 1 && trustWriteAttempts <= 20, "options.trustWriteAttempts", trustWriteAttempts,
        "between 1 and 20");
    p.throwIfAny();
  }

  /** Concurrency 8, rollout timeout 5 minutes, 5 trust write attempts. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(8, Duration.ofMinutes(5), 5);
  }

  /** These options with another concurrency. */
  public ApplyOptions withConcurrency(int concurrency) {
    return new ApplyOptions(concurrency, rolloutTimeout, trustWriteAttempts);
  }

  /** These options with another rollout timeout. */
  public ApplyOptions withRolloutTimeout(Duration rolloutTimeout) {
    return new ApplyOptions(concurrency, rolloutTimeout, trustWriteAttempts);
  }
}
