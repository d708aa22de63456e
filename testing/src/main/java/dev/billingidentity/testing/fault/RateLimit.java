package dev.billingidentity.testing.fault;

/**
 * A service's request rate limit as AWS enforces it: a token bucket that holds at most {@code burst} requests and
 * refills at {@code perSecond} requests a second. A request that finds the bucket empty is throttled at once (it does
 * not wait), so a caller that sends faster than the rate, after its first burst, sees the service's throttling error.
 *
 * <pre>{@code
 * aws.faults().rateLimit("EKS", RateLimit.perSecond(20));              // burst 20
 * aws.faults().rateLimit("IAM", RateLimit.perSecond(10).withBurst(40));
 * }</pre>
 *
 * @param perSecond the refill rate, in requests a second (positive)
 * @param burst the bucket's size: how many requests pass at once after a quiet while (at least 1)
 */
public record RateLimit(double perSecond, int burst) {
  /** @throws IllegalArgumentException naming the setting, its value and the rule */
  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be a positive number of requests a second, was " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1 request, was " + burst);
    }
  }

  /** {@code perSecond} requests a second, with a bucket that holds one second's worth (at least 1). */
  public static RateLimit perSecond(double perSecond) {
    return new RateLimit(perSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond))));
  }

  /** The same rate with a bucket of {@code burst} requests. */
  public RateLimit withBurst(int burst) {
    return new RateLimit(perSecond, burst);
  }

  /** E.g. {@code 20.0/s (burst 20)}. */
  @Override
  public String toString() {
    return perSecond + "/s (burst " + burst + ")";
  }
}
