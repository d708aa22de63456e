package dev.billingidentity.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan's changes in order; a run of consecutive {@link Change#concurrent() concurrent} changes is applied
 * by at most {@link ApplyOptions#concurrency()} threads at once. Stops at the first failure (after the concurrent
 * run it belongs to has finished, so that nothing is left half-started) and reports what was applied.
 */
public final class PlanExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

  private PlanExecutor() {}

  /**
   * Applies {@code changes}.
   *
   * @return the changes applied: sequential ones in plan order, concurrent ones in the order they completed
   * @throws ApplyFailedException when a change fails
   */
  public static List<Change> apply(List<Change> changes, ApplyContext context) {
    return apply(changes, context, ApplyProgress.NONE);
  }

  /**
   * Applies {@code changes}, telling {@code progress} of each one applied.
   *
   * @return the changes applied: sequential ones in plan order, concurrent ones in the order they completed
   * @throws ApplyFailedException when a change fails
   */
  public static List<Change> apply(List<Change> changes, ApplyContext context, ApplyProgress progress) {
    AppliedChanges applied = new AppliedChanges(changes.size(), progress);
    try {
      applyAll(changes, context, applied);
    } finally {
      applied.finished();
    }
    return applied.list();
  }

  private static void applyAll(List<Change> changes, ApplyContext context, AppliedChanges applied) {
    int i = 0;
    while (i < changes.size()) {
      Change c = changes.get(i);
      if (!c.concurrent()) {
        applyOne(c, context, applied);
        i++;
        continue;
      }
      int end = i;
      while (end < changes.size() && changes.get(end).concurrent()) {
        end++;
      }
      applyConcurrently(changes.subList(i, end), context, applied);
      i = end;
    }
  }

  /** The changes applied so far, in the order they completed; tells the listener of each one. */
  private static final class AppliedChanges {
    private final List<Change> applied = new ArrayList<>();
    private final int total;
    private final ApplyProgress progress;

    AppliedChanges(int total, ApplyProgress progress) {
      this.total = total;
      this.progress = Objects.requireNonNull(progress, "progress");
    }

    void add(Change c) {
      // Told under the lock: one call at a time, done counting up, even from concurrent changes.
      synchronized (applied) {
        applied.add(c);
        try {
          progress.applied(c, applied.size(), total);
        } catch (RuntimeException e) {
          // A display that fails must not fail the apply, which has made the change already.
          LOG.warn("the apply progress listener failed on {}: {}", c.describe(), e.toString());
        }
      }
    }

    void finished() {
      synchronized (applied) {
        try {
          progress.finished(applied.size(), total);
        } catch (RuntimeException e) {
          LOG.warn("the apply progress listener failed at the end: {}", e.toString());
        }
      }
    }

    List<Change> list() {
      synchronized (applied) {
        return List.copyOf(applied);
      }
    }
  }

  private static void applyOne(Change c, ApplyContext context, AppliedChanges applied) {
    try {
      LOG.info("applying: {}", c.describe());
      c.apply(context);
      applied.add(c);
    } catch (RuntimeException e) {
      throw failure(c, applied.list(), e);
    }
  }

  /**
   * The failure of the plan's change {@code c}, naming the change that failed: {@code c} itself, or the change it
   * made in its place (the innermost, should that one have made another in its place too).
   */
  private static ApplyFailedException failure(Change c, List<Change> applied, RuntimeException e) {
    if (!(e instanceof SubstituteChangeFailedException substituted)) {
      return new ApplyFailedException(c, applied, e);
    }
    List<String> reasons = new ArrayList<>();
    SubstituteChangeFailedException innermost = substituted;
    reasons.add(innermost.reason());
    while (innermost.failure() instanceof SubstituteChangeFailedException deeper) {
      innermost = deeper;
      reasons.add(innermost.reason());
    }
    return new ApplyFailedException(innermost.substitute(), c, String.join("; then ", reasons), applied,
        innermost.failure());
  }

  private static void applyConcurrently(List<Change> batch, ApplyContext context, AppliedChanges applied) {
    if (batch.size() == 1 || context.options().concurrency() == 1) {
      batch.forEach(c -> applyOne(c, context, applied));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(batch.size(), context.options().concurrency()),
        r -> {
          Thread t = new Thread(r, "billing-identity-apply");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Change c : batch) {
        futures.add(pool.submit(() -> {
          LOG.info("applying: {}", c.describe());
          c.apply(context);
          applied.add(c);
        }));
      }
      Change firstFailed = null;
      RuntimeException firstCause = null;
      for (int k = 0; k < futures.size(); k++) {
        try {
          futures.get(k).get();
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
          if (firstFailed == null) {
            firstFailed = batch.get(k);
            firstCause = cause;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pool.shutdownNow();
          throw new ApplyFailedException(batch.get(k), applied.list(), new IllegalStateException("interrupted", e));
        }
      }
      if (firstFailed != null) {
        // Built once the run is over, so that it lists every change of the run that was applied.
        throw failure(firstFailed, applied.list(), firstCause);
      }
    } finally {
      pool.shutdown();
    }
  }
}
