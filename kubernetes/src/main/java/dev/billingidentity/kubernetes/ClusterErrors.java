package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Translates fabric8's exceptions into the port's {@link ClusterApiException}, naming the resource. */
final class ClusterErrors {
  private ClusterErrors() {}

  /** Runs a request, translating a failure; {@code resource} names what was asked for, e.g. {@code deployment/vector -n ns}. */
  static <T> T call(String resource, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw translate(resource, e);
    }
  }

  /** The port's exception for a fabric8 failure. */
  static ClusterApiException translate(String resource, KubernetesClientException e) {
    Reason reason = switch (e.getCode()) {
      case 403 -> Reason.FORBIDDEN;
      case 404 -> Reason.NOT_FOUND;
      case 409 -> Reason.CONFLICT;
      case 410 -> Reason.GONE;
      case 408, 504 -> Reason.TIMEOUT;
      default -> isTimeout(e) ? Reason.TIMEOUT : Reason.OTHER;
    };
    String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    String message = (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + status
        + (reason == Reason.FORBIDDEN ? " (check the RBAC of the service account the library runs as)" : "");
    return new ClusterApiException(reason, resource, message, e);
  }

  // The JDK HTTP client and fabric8 wrap timeouts differently depending on where they happen: look down the chain.
  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientTimeoutException || t instanceof HttpTimeoutException
          || t instanceof TimeoutException || t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
