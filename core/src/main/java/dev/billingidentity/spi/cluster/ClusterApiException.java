package dev.billingidentity.spi.cluster;

import dev.billingidentity.BillingIdentityException;

/** The Kubernetes API refused or failed a request; names the resource and says why. */
public class ClusterApiException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;

  /** Why the request failed. */
  public enum Reason {
    /** HTTP 403: the library's service account lacks a verb (RBAC). */
    FORBIDDEN,
    /** HTTP 404. */
    NOT_FOUND,
    /** HTTP 409: someone else changed the object first. */
    CONFLICT,
    /** HTTP 410: a watch or list resource version is too old. */
    GONE,
    /** The request or a wait timed out. */
    TIMEOUT,
    /** Anything else. */
    OTHER
  }

  /** Why the request failed. */
  private final Reason reason;
  /** The resource. */
  private final String resource;

  /** The request on {@code resource} failed for {@code reason}, with the client's exception. */
  public ClusterApiException(Reason reason, String resource, String message, Throwable cause) {
    super(resource + ": " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message, cause);
    this.reason = reason;
    this.resource = resource;
  }

  /** The request on {@code resource} failed for {@code reason}. */
  public ClusterApiException(Reason reason, String resource, String message) {
    this(reason, resource, message, null);
  }

  /** Why the request failed. */
  public Reason reason() {
    return reason;
  }

  /** {@return the resource, e.g. {@code deployment/vector -n mxp-1-system}} */
  public String resource() {
    return resource;
  }
}
