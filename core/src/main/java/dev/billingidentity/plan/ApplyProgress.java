package dev.billingidentity.plan;

/**
 * Told of each change as an apply makes it, so that a tool can show progress on long applies (a thousand
 * associations, restarts that wait for rollouts). Called from the thread that applied the change, so possibly from
 * several threads at once; an implementation must be thread-safe and quick, as the apply waits for it.
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
}
