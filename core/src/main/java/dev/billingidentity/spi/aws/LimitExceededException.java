package dev.billingidentity.spi.aws;

/** AWS answered that a quota would be exceeded, e.g. the trust policy size (IAM `LimitExceeded`: `Cannot exceed quota for ACLSizePerRole: 2048`); never retried. */
public class LimitExceededException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  /** An error AWS answered to {@code operation} of {@code service}: its error code, HTTP status and message. */
  public LimitExceededException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  /** An error AWS answered to {@code operation} of {@code service}, with the exception it was read from. */
  public LimitExceededException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
