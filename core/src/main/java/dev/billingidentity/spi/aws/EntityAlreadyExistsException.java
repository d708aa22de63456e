package dev.billingidentity.spi.aws;

/** AWS answered that the entity exists already (IAM `EntityAlreadyExists`). */
public class EntityAlreadyExistsException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  /** An error AWS answered to {@code operation} of {@code service}: its error code, HTTP status and message. */
  public EntityAlreadyExistsException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  /** An error AWS answered to {@code operation} of {@code service}, with the exception it was read from. */
  public EntityAlreadyExistsException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
