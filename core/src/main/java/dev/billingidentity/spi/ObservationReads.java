package dev.billingidentity.spi;

import dev.billingidentity.BillingIdentityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A strategy's independent reads of one observation, on their own daemon threads, at most
 * {@code min(concurrency, 5)} at once (one thread runs them in turn): an observation then costs its longest chain of
 * round trips, not their sum. Close it when the observation is made; reads still running after a failure are
 * abandoned.
 *
 * <pre>{@code
 * try (ObservationReads reads = new ObservationReads(context.options().concurrency())) {
 *   CompletableFuture<RoleObservation> role = reads.start(() -> RoleObservation.read(iam, name, policy));
 *   ...
 *   RoleObservation observed = ObservationReads.join(role, "IRSA");
 * }
 * }</pre>
 */
public final class ObservationReads implements AutoCloseable {
  private static final int MOST_AT_ONCE = 5;

  private final ExecutorService pool;

  /** Reads at most {@code concurrency} at once (and at most 5): the bound of the operation's other calls. */
  public ObservationReads(int concurrency) {
    pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, MOST_AT_ONCE)), r -> {
      Thread t = new Thread(r, "billing-identity-observe");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts {@code read}. */
  public <T> CompletableFuture<T> start(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, pool);
  }

  /**
   * The read's answer, or its failure as thrown. Interruptible: an operator that loses its lease interrupts its
   * reconcile, which must not wait out reads (and their throttling retries) nobody will use.
   *
   * @param what what the observation is of, for the message of a failure that is not a runtime exception
   */
  public static <T> T join(CompletableFuture<T> read, String what) {
    return join(read, cause -> cause instanceof InterruptedException
        ? new BillingIdentityException("interrupted while observing " + what, cause)
        : new BillingIdentityException("observing " + what + " failed", cause));
  }

  /**
   * The answer of {@code read}, any future's, or its failure: a runtime exception or an error as thrown, any other
   * cause (a checked exception, or the interrupt of the waiting thread) as {@code failure} makes it. On an interrupt
   * the future is cancelled and the thread keeps its interrupt status; a read already running goes on until its pool
   * is closed ({@link #close()} interrupts it).
   */
  public static <T> T join(Future<T> read, Function<Throwable, ? extends RuntimeException> failure) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw failure.apply(e.getCause());
    } catch (InterruptedException e) {
      read.cancel(true);
      Thread.currentThread().interrupt();
      throw failure.apply(e);
    }
  }

  /** Stops the threads; reads still running are abandoned, since nothing waits for what they find. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
