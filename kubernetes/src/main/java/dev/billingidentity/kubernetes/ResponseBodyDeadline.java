package dev.billingidentity.kubernetes;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a response whose body is not complete within the timeout of its headers' arrival. fabric8's request
 * timeout ends at the headers and its blocking calls then wait on the body with no bound, so without this a
 * request that {@link CallDeadline} gave up on would keep its connection and the thread that waits for it for as
 * long as the server trickles (or a dead connection stays open); cancelling the body closes the exchange and frees
 * both. Usually {@link CallDeadline} has failed the call by then and this only cleans up; for a request inside a
 * longer wait (a rollout's polls) it is what ends the request, as a timeout.
 */
final class ResponseBodyDeadline implements Interceptor {
  static final String NAME = "billing-identity-response-body-deadline";

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "billing-identity-cluster-body-deadline");
    t.setDaemon(true);
    return t;
  });

  private final Duration timeout;

  ResponseBodyDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    // A watch's body is an endless stream by design (informers of the controller on a client this adapter made).
    if (response.body() instanceof AsyncBody body && !isWatch(request)) {
      ScheduledFuture<?> cancel = TIMER.schedule(() -> expire(body), timeout.toMillis(), TimeUnit.MILLISECONDS);
      body.done().whenComplete((done, failure) -> cancel.cancel(false));
    }
  }

  private static boolean isWatch(HttpRequest request) {
    String query = request.uri().getRawQuery();
    return query != null && ("&" + query).contains("&watch=true");
  }

  /** Fails the body as a timeout (what the caller is told), then cancels it (what closes the connection). */
  private void expire(AsyncBody body) {
    body.done().completeExceptionally(new Expired("no complete answer within " + CallDeadline.human(timeout)
        + " of its headers"));
    body.cancel();
  }

  /** Whether {@code failure} is, or was caused by, a body this cancelled. */
  static boolean expired(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Expired) {
        return true;
      }
    }
    return false;
  }

  /** A body cancelled at its deadline; a timeout to fabric8 and to {@link ClusterErrors}. */
  static final class Expired extends HttpTimeoutException {
    private static final long serialVersionUID = 1L;

    Expired(String message) {
      super(message);
    }
  }
}
