package dev.billingidentity.testing.fault;

/**
 * The calls of a group of operations (an AWS service, say) and how many of them were answered with throttling: what a
 * rate-limited benchmark needs to compute the rate it achieved against the limit.
 *
 * @param calls every call, throttled ones included
 * @param throttled the calls answered with the service's throttling error (a rate limit or an injected throttle)
 */
public record CallCounts(long calls, long throttled) {
  /** The calls the service let through: answered, successfully or with another error. */
  public long accepted() {
    return calls - throttled;
  }

  /** E.g. {@code 120 calls (100 accepted, 20 throttled)}. */
  @Override
  public String toString() {
    return calls + " calls (" + accepted() + " accepted, " + throttled + " throttled)";
  }
}
