package dev.billingidentity.plan;

/**
 * Told of each change as an apply makes it, so that a tool can show progress on long applies (a thousand
 * associations, restarts that wait for rollouts). Called from the thread that applied the change, one call at a time
 * and with {@code done} counting up; an implementation must be quick, as the apply waits for it.
 */
@FunctionalInterface
public interface ApplyProgress {
  /** Tells nothing: the default. */
  ApplyProgress NONE = (change, done, total) -> { };

  /**
   * A change was applied.
   *
   * @param change the change
   * @param done how many changes of this apply are done, this one included
   * @param total how many changes the apply has
   */
  void applied(Change change, int done, int total);

  /**
   * The apply is over, whether every change was made or one failed: a display ends its line here.
   *
   * @param done how many changes were applied
   * @param total how many changes the apply had
   */
  default void finished(int done, int total) {}
}
