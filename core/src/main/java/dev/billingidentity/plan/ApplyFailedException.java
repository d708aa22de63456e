package dev.billingidentity.plan;

import dev.billingidentity.BillingIdentityException;
import java.util.List;
import java.util.Optional;

/**
 * A change of a plan failed. Says which change, what had been applied before it, and why. Every change is
 * idempotent and the plan is recomputed from what AWS and the cluster hold, so running {@code apply()} again
 * continues from where this one stopped.
 *
 * <p>The change that failed may be one a planned change made in its place (see
 * {@link SubstituteChangeFailedException}): the message then names both, the failed one first.
 */
public final class ApplyFailedException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  /** How many of the changes applied before the failure the message names; it counts the rest. */
  static final int APPLIED_NAMED = 5;
  private final transient Change failed;
  private final transient Change planned;
  private final transient List<Change> applied;

  /** {@code failed}, a change of the plan, failed with {@code cause} after {@code applied}. */
  public ApplyFailedException(Change failed, List<Change> applied, RuntimeException cause) {
    this(failed, failed, null, applied, cause);
  }

  /**
   * {@code failed}, made in place of the plan's change {@code planned} (for {@code reason}), failed with
   * {@code cause} after {@code applied}.
   */
  public ApplyFailedException(Change failed, Change planned, String reason, List<Change> applied,
      RuntimeException cause) {
    super(message(failed, planned, reason, applied, cause), cause);
    this.failed = failed;
    this.planned = planned;
    this.applied = List.copyOf(applied);
  }

  private static String message(Change failed, Change planned, String reason, List<Change> applied,
      RuntimeException cause) {
    StringBuilder out = new StringBuilder("apply stopped at '").append(failed.describe()).append('\'');
    if (planned != failed) {
      out.append(" (made in place of '").append(planned.describe()).append("': ").append(reason).append(')');
    }
    out.append(" after ").append(applied.size()).append(" applied change(s)");
    if (!applied.isEmpty()) {
      out.append(" (").append(NamedList.of(applied.stream().map(c -> "'" + c.describe() + "'").toList(),
          APPLIED_NAMED)).append(')');
    }
    return out.append(": ").append(cause.getMessage()).append(" (running apply again continues from here)")
        .toString();
  }

  /** {@return the change that failed: the plan's change, or the one it made in its place} */
  public Change failed() {
    return failed;
  }

  /** {@return the plan's change during which the failure happened, when it is not {@link #failed()} itself} */
  public Optional<Change> planned() {
    return planned == failed ? Optional.empty() : Optional.of(planned);
  }

  /** {@return the changes applied before the failure, in order} */
  public List<Change> applied() {
    return applied;
  }
}
