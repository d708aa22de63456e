package dev.billingidentity.spi.aws;

/** AWS answered that the entity exists already (IAM `EntityAlreadyExists`). */
public class EntityAlreadyExistsException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public EntityAlreadyExistsException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public EntityAlreadyExistsException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
