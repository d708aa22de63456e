package dev.billingidentity.examples.operator;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's pacing.
 *
 * @param resyncPeriod how often each {@code BillingIdentity} gets a full reconcile that catches drift (default 10
 *     minutes); between them, control planes that come and go are handled one by one
 * @param debounce quiet time after a change before the operator acts: a burst of new control planes is one batch
 * @param visibilityTimeout how long to wait for a new Pod Identity association to be listed before restarting
 * @param credentialRetryDelay how long to wait before restarting again pods that started without credentials
 * @param rolloutTimeout how long a restart waits for its rollout
 */
public record OperatorTimings(Duration resyncPeriod, Duration debounce, Duration visibilityTimeout,
    Duration credentialRetryDelay, Duration rolloutTimeout) {
  public OperatorTimings {
    positive(resyncPeriod, "resyncPeriod");
    positive(debounce, "debounce");
    positive(visibilityTimeout, "visibilityTimeout");
    positive(credentialRetryDelay, "credentialRetryDelay");
    positive(rolloutTimeout, "rolloutTimeout");
  }

  /** Resync 10 min, debounce 500 ms, visibility 10 s, credential retry after 5 s, rollouts 5 min. */
  public static OperatorTimings defaults() {
    return new OperatorTimings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofMinutes(5));
  }

  /** With another resync period. */
  public OperatorTimings withResyncPeriod(Duration period) {
    return new OperatorTimings(period, debounce, visibilityTimeout, credentialRetryDelay, rolloutTimeout);
  }

  /** With another debounce. */
  public OperatorTimings withDebounce(Duration newDebounce) {
    return new OperatorTimings(resyncPeriod, newDebounce, visibilityTimeout, credentialRetryDelay, rolloutTimeout);
  }

  /** With another delay before the second restart. */
  public OperatorTimings withCredentialRetryDelay(Duration delay) {
    return new OperatorTimings(resyncPeriod, debounce, visibilityTimeout, delay, rolloutTimeout);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
    }
  }
}
