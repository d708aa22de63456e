package dev.billingidentity.testing.fault;

import java.util.function.LongSupplier;

/**
 * One {@link RateLimit}'s bucket: full at first, refilled continuously by the time that passed on its nanosecond
 * source, never above its burst. Thread-safe: concurrent callers each take a whole token or none.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final RateLimit limit;
  private final LongSupplier nanos;
  private double tokens;
  private long last;

  TokenBucket(RateLimit limit, LongSupplier nanos) {
    this.limit = limit;
    this.nanos = nanos;
    this.tokens = limit.burst();
    this.last = nanos.getAsLong();
  }

  /** Takes a token if there is one now; {@code false} means the request is throttled. */
  synchronized boolean tryTake() {
    long now = nanos.getAsLong();
    long elapsed = now - last;
    // A clock set back refills nothing: the bucket counts from the new time on.
    last = now;
    if (elapsed > 0) {
      tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / NANOS_PER_SECOND);
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  RateLimit limit() {
    return limit;
  }
}
