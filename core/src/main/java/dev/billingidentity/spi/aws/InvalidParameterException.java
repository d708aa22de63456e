package dev.billingidentity.spi.aws;

/** AWS answered that a parameter was refused, e.g. an association's role that IAM has not made visible to EKS yet (`InvalidParameterException`, `InvalidInput`). */
public class InvalidParameterException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  /** An error AWS answered to {@code operation} of {@code service}: its error code, HTTP status and message. */
  public InvalidParameterException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  /** An error AWS answered to {@code operation} of {@code service}, with the exception it was read from. */
  public InvalidParameterException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
