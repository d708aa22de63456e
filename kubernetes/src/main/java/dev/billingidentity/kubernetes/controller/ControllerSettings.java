package dev.billingidentity.kubernetes.controller;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link BillingIdentityController} elects its leader and paces its reconciles. Defaults suit a real cluster
 * (lease 15 s, renew deadline 10 s, retry 2 s; debounce 2 s; backoff 1 s doubling up to 5 min); tests shorten them.
 *
 * @param leaseNamespace the namespace of the {@code Lease} (usually the controller's own)
 * @param leaseName the {@code Lease}'s name, shared by every replica of the controller
 * @param identity this replica's identity in the lease (its pod name, say); unique per replica
 * @param leaseDuration how long a lease is valid without renewal; a stand-by takes over after it
 * @param renewDeadline how long the leader keeps trying to renew before giving up leadership; below leaseDuration.
 *     Also the longest a new leader waits for its watches' first lists before its first reconcile, and the longest
 *     {@link BillingIdentityController#close()} waits for a reconcile in flight before interrupting it
 * @param retryPeriod how often candidates try to acquire and the leader renews
 * @param debounce quiet time after the last change before reconciling: a burst of events makes one reconcile
 * @param maxDebounce the longest a reconcile waits under a steady stream of events
 * @param initialBackoff the first retry delay after a failed reconcile; doubles on each further failure
 * @param maxBackoff the longest retry delay
 */
public record ControllerSettings(
    String leaseNamespace,
    String leaseName,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    Duration debounce,
    Duration maxDebounce,
    Duration initialBackoff,
    Duration maxBackoff) {
  /**
   * Checks the settings: every duration positive, the renew deadline shorter than the lease.
   *
   * @throws IllegalArgumentException when a duration is not positive or the renew deadline is not below the lease
   */
  public ControllerSettings {
    Objects.requireNonNull(leaseNamespace, "leaseNamespace");
    Objects.requireNonNull(leaseName, "leaseName");
    Objects.requireNonNull(identity, "identity");
    positive(leaseDuration, "leaseDuration");
    positive(renewDeadline, "renewDeadline");
    positive(retryPeriod, "retryPeriod");
    positive(debounce, "debounce");
    positive(maxDebounce, "maxDebounce");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      // Otherwise the old leader may still think it leads when a stand-by takes over: two reconcilers at once.
      throw new IllegalArgumentException("renewDeadline must be shorter than leaseDuration");
    }
  }

  /**
   * The defaults, with the lease {@code billing-identity-controller} in {@code leaseNamespace}; the identity is
   * {@code $POD_NAME} or {@code $HOSTNAME} when set, else a random one.
   */
  public static ControllerSettings defaults(String leaseNamespace) {
    String identity = firstNonBlank(System.getenv("POD_NAME"), System.getenv("HOSTNAME"), UUID.randomUUID().toString());
    return new ControllerSettings(leaseNamespace, "billing-identity-controller", identity, Duration.ofSeconds(15),
        Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20),
        Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /** With another identity. */
  public ControllerSettings withIdentity(String newIdentity) {
    return new ControllerSettings(leaseNamespace, leaseName, newIdentity, leaseDuration, renewDeadline, retryPeriod,
        debounce, maxDebounce, initialBackoff, maxBackoff);
  }

  /** With another lease name. */
  public ControllerSettings withLeaseName(String newLeaseName) {
    return new ControllerSettings(leaseNamespace, newLeaseName, identity, leaseDuration, renewDeadline, retryPeriod,
        debounce, maxDebounce, initialBackoff, maxBackoff);
  }

  /** With other lease timings. */
  public ControllerSettings withLeaseTimings(Duration newLeaseDuration, Duration newRenewDeadline,
      Duration newRetryPeriod) {
    return new ControllerSettings(leaseNamespace, leaseName, identity, newLeaseDuration, newRenewDeadline,
        newRetryPeriod, debounce, maxDebounce, initialBackoff, maxBackoff);
  }

  /** With another debounce; the longest wait becomes ten times it. */
  public ControllerSettings withDebounce(Duration newDebounce) {
    return new ControllerSettings(leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod,
        newDebounce, newDebounce.multipliedBy(10), initialBackoff, maxBackoff);
  }

  /** With another retry backoff. */
  public ControllerSettings withBackoff(Duration newInitialBackoff, Duration newMaxBackoff) {
    return new ControllerSettings(leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod,
        debounce, maxDebounce, newInitialBackoff, newMaxBackoff);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    throw new IllegalStateException("no value");
  }
}
