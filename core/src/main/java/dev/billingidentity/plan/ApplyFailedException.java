package dev.billingidentity.plan;

import dev.billingidentity.BillingIdentityException;
import java.util.List;

/**
 * A change of a plan failed. Says which change, what had been applied before it, and why. Every change is
 * idempotent and the plan is recomputed from what AWS and the cluster hold, so running {@code apply()} again
 * continues from where this one stopped.
 */
public final class ApplyFailedException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  private final transient Change failed;
  private final transient List<Change> applied;

  public ApplyFailedException(Change failed, List<Change> applied, RuntimeException cause) {
    super("apply stopped at '" + failed.describe() + "' after " + applied.size() + " applied change(s): "
        + cause.getMessage() + " (running apply again continues from here)", cause);
    this.failed = failed;
    this.applied = List.copyOf(applied);
  }

  /** The change that failed. */
  public Change failed() {
    return failed;
  }

  /** The changes applied before the failure, in order. */
  public List<Change> applied() {
    return applied;
  }
}
