package dev.billingidentity.plan;

import java.util.Objects;

/**
 * Thrown by a change that found, when applied, that another change had to be made in its place, and that other
 * change failed: e.g. {@code CreateRole} finds that the library's role exists already (an earlier apply that crashed,
 * a concurrent applier) and edits its trust instead. {@link PlanExecutor} turns it into an
 * {@link ApplyFailedException} that names the substitute as the change that failed, and the planned one as what it
 * stood in for, so that the error points at the write that failed.
 */
public final class SubstituteChangeFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Change substitute;
  /** Why the substitute failed. */
  private final String reason;

  /**
   * @param substitute the change made in place of the planned one, which failed
   * @param reason why it was made instead, e.g. {@code the role exists already}
   * @param cause its failure
   */
  public SubstituteChangeFailedException(Change substitute, String reason, RuntimeException cause) {
    super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    this.substitute = Objects.requireNonNull(substitute, "substitute");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@return the change that failed, made in place of the planned one} */
  public Change substitute() {
    return substitute;
  }

  /** Why the substitute was made instead of the planned change. */
  public String reason() {
    return reason;
  }

  /** {@return the substitute's failure} */
  public RuntimeException failure() {
    return (RuntimeException) getCause();
  }
}
