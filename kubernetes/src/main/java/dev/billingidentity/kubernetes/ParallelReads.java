package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.ObservationReads;
import dev.billingidentity.spi.cluster.ClusterApiException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Independent API reads sent at once, so that an observation costs the round trips of its longest chain of
 * dependent reads rather than the sum of all of them (on a busy API server every round trip counts). At most four
 * lists of one observation are in flight at once, whatever {@code ApplyOptions.concurrency()} says: that setting
 * bounds the changes and the AWS reads, which grow with the control planes; these do not. The pool's threads are
 * daemons and die when idle: nothing to close, and nothing held between operations. When one read fails, the
 * observation fails with its cause at once; the others finish on their own (single lists, nothing to retry).
 */
final class ParallelReads {
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "billing-identity-cluster-read");
    t.setDaemon(true);
    return t;
  });

  private ParallelReads() {}

  /** Sends {@code read} now; {@link #join} takes its answer. */
  static <T> Future<T> start(Supplier<T> read) {
    return POOL.submit(read::get);
  }

  /** The read's answer, or its failure as it was thrown (a {@link ClusterApiException} from {@link ClusterErrors}). */
  static <T> T join(Future<T> read, String resource) {
    return ObservationReads.join(read, cause -> cause instanceof InterruptedException
        ? new ClusterApiException(ClusterApiException.Reason.OTHER, resource, "interrupted while reading", cause)
        : new ClusterApiException(ClusterApiException.Reason.OTHER, resource, cause.toString(), cause));
  }
}
