package dev.billingidentity.spi.aws;

/**
 * AWS answered that the caller is sending too fast (IAM {@code Throttling: Rate exceeded}, EKS
 * {@code TooManyRequestsException}, HTTP 429). Always retryable, after a backoff.
 */
public class ThrottlingException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public ThrottlingException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public ThrottlingException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
