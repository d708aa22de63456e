package dev.billingidentity.spi.aws;

import dev.billingidentity.BillingIdentityException;

/**
 * An error answered by an AWS service (or by a fake of it), keeping AWS's error code and message. Subclasses name
 * the errors the library reacts to; anything else arrives as this type. The same types are thrown by the real
 * adapters and by the in-memory fakes, so code written against one behaves the same against the other.
 */
public class AwsServiceException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  /** The service. */
  private final String service;
  /** The operation. */
  private final String operation;
  /** AWS's error code. */
  private final String errorCode;
  /** The HTTP status. */
  private final int statusCode;

  /** An error AWS answered to {@code operation} of {@code service}: its error code, HTTP status and message. */
  public AwsServiceException(String service, String operation, String errorCode, int statusCode, String message) {
    this(service, operation, errorCode, statusCode, message, null);
  }

  /** An error AWS answered to {@code operation} of {@code service}, with the exception it was read from. */
  public AwsServiceException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service + " " + operation + " failed: " + errorCode + " (HTTP " + statusCode + "): " + message, cause);
    this.service = service;
    this.operation = operation;
    this.errorCode = errorCode;
    this.statusCode = statusCode;
  }

  /** {@return the service, e.g. {@code IAM}, {@code STS} or {@code EKS}} */
  public String service() {
    return service;
  }

  /** {@return the operation, e.g. {@code UpdateAssumeRolePolicy}} */
  public String operation() {
    return operation;
  }

  /** AWS's error code, e.g. {@code LimitExceeded} or {@code ResourceInUseException}. */
  public String errorCode() {
    return errorCode;
  }

  /** {@return the HTTP status of the answer} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return whether trying again later may succeed: throttling and server errors} */
  public boolean isRetryable() {
    return statusCode >= 500;
  }
}
