package dev.billingidentity.awssdk;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Rewrites the SDK's timeout messages ("Client execution did not complete before the specified timeout
 * configuration: 60000 millis") into ones a user can act on: which endpoint did not answer, which timeout ran out,
 * and the builder option that sets it. Only the message changes; the exception keeps its type and cause.
 */
final class CallTimeoutMessages implements ExecutionInterceptor {
  private final AwsTimeouts timeouts;

  CallTimeoutMessages(AwsTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  @Override
  public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    String endpoint = context.httpRequest().map(CallTimeoutMessages::endpoint).orElse("AWS");
    if (e instanceof ApiCallTimeoutException call) {
      return call.toBuilder().message("no complete answer from " + endpoint + " within " + human(timeouts.call())
          + ", the call timeout (apiCallTimeout), retries included").build();
    }
    if (e instanceof ApiCallAttemptTimeoutException attempt) {
      return attempt.toBuilder().message("no complete answer from " + endpoint + " within "
          + human(timeouts.attempt()) + " on the last attempt, the attempt timeout (apiCallAttemptTimeout)").build();
    }
    if (e instanceof SdkClientException client && causedBy(e, SocketTimeoutException.class)) {
      return client.toBuilder().message("no byte from " + endpoint + " for " + human(timeouts.socket())
          + ", the socket timeout (socketTimeout): " + e.getMessage()).build();
    }
    return e;
  }

  /** {@code https://iam.amazonaws.com} or {@code http://127.0.0.1:4566}: where the request went, no path. */
  private static String endpoint(SdkHttpRequest request) {
    URI uri = request.getUri();
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
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
