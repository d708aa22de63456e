package dev.billingidentity.spi.aws;

/**
 * AWS answered that the caller is sending too fast (IAM {@code Throttling: Rate exceeded}, EKS
 * {@code TooManyRequestsException}, HTTP 429). Always retryable, after a backoff.
 */
public class ThrottlingException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  /** An error AWS answered to {@code operation} of {@code service}: its error code, HTTP status and message. */
  public ThrottlingException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  /** An error AWS answered to {@code operation} of {@code service}, with the exception it was read from. */
  public ThrottlingException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
