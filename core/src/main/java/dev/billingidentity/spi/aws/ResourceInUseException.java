package dev.billingidentity.spi.aws;

/** AWS answered that EKS refused to create what exists already, e.g. a second pod identity association for the same namespace and service account (`ResourceInUseException`). */
public class ResourceInUseException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  /** An error AWS answered to {@code operation} of {@code service}: its error code, HTTP status and message. */
  public ResourceInUseException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  /** An error AWS answered to {@code operation} of {@code service}, with the exception it was read from. */
  public ResourceInUseException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
