package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most one call of the cluster port may take, on the wall clock, retries included. fabric8's own timeouts do not
 * bound it: its request timeout (the JDK client's) stops at the response's headers, so an API server that sends
 * headers and then a byte a second holds a list forever, and its retries of connection failures add up to
 * {@code 2^10} backoff intervals. The call runs on a pool thread and the caller waits at most the timeout; then the
 * pool thread is interrupted, which makes fabric8 cancel its request, and the caller gets a
 * {@link Reason#TIMEOUT} naming the API server and the timeout. Each call is logged at debug: what it asked for and
 * how long it took (never a header or a body).
 */
final class CallDeadline {
  private static final Logger LOG = LoggerFactory.getLogger(CallDeadline.class);
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "billing-identity-cluster-call");
    t.setDaemon(true);
    return t;
  });

  private final Duration timeout;
  private final String server;

  /**
   * @param timeout the most one call may take
   * @param server the API server, for the message
   */
  CallDeadline(Duration timeout, String server) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    this.server = server;
  }

  Duration timeout() {
    return timeout;
  }

  /** {@code call}'s answer, or a timeout of {@code resource} when it takes longer than the timeout. */
  <T> T within(String resource, Supplier<T> call) {
    return within(resource, Duration.ZERO, call);
  }

  /** As {@link #within(String, Supplier)}, allowing {@code extra} on top (a rollout's own wait). */
  <T> T within(String resource, Duration extra, Supplier<T> call) {
    Duration limit = timeout.plus(extra);
    long started = System.nanoTime();
    Future<T> running = POOL.submit(call::get);
    try {
      T answer = running.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      LOG.debug("kubernetes {}: answered in {} ms", resource, millisSince(started));
      return answer;
    } catch (TimeoutException e) {
      running.cancel(true);
      LOG.debug("kubernetes {}: no complete answer in {} ms, abandoned", resource, millisSince(started));
      throw new ClusterApiException(Reason.TIMEOUT, resource, "no complete answer from the Kubernetes API server "
          + server + " within " + human(limit) + " (the call timeout" + (extra.isZero() ? "" : " plus the wait")
          + ")");
    } catch (ExecutionException e) {
      LOG.debug("kubernetes {}: failed in {} ms ({})", resource, millisSince(started), e.getCause().getMessage());
      if (e.getCause() instanceof ClusterApiException c && ResponseBodyDeadline.expired(c)) {
        // fabric8's message for it names the operation only; say which server and which timeout, as above.
        throw new ClusterApiException(Reason.TIMEOUT, c.resource(), "no complete answer from the Kubernetes API "
            + "server " + server + " within " + human(timeout) + " of its headers (the call timeout)", c);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new ClusterApiException(Reason.OTHER, resource, e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new ClusterApiException(Reason.OTHER, resource, "interrupted while waiting for the API server", e);
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** {@code 2s}, {@code 1m30s}, {@code 250ms}: as a user writes it. */
  static String human(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
  }
}
