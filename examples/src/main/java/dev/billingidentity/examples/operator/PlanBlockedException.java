package dev.billingidentity.examples.operator;

import dev.billingidentity.BillingIdentityException;

/**
 * A reconcile that wrote nothing because a person must act first: the plan's blocker (the trust quota, EKS's
 * association limit, a missing add-on, a role the library does not own) or a spec the library refuses. Reported as
 * {@code Blocked=True}, not retried with backoff: the next resync or spec change tries again.
 */
final class PlanBlockedException extends Exception {
  private final String reason;

  PlanBlockedException(String reason, BillingIdentityException cause) {
    super(cause.getMessage(), cause);
    this.reason = reason;
  }

  /** The condition's reason, e.g. {@code TrustPolicyQuota} or {@code InvalidSpec}. */
  String reason() {
    return reason;
  }

  /** The reason for a blocker: its class's name without {@code Exception}. */
  static PlanBlockedException of(BillingIdentityException blocker) {
    String name = blocker.getClass().getSimpleName();
    return new PlanBlockedException(name.endsWith("Exception") ? name.substring(0, name.length() - 9) : name, blocker);
  }
}
