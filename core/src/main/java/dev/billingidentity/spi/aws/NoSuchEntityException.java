package dev.billingidentity.spi.aws;

/** AWS answered that the entity does not exist (IAM `NoSuchEntity`, EKS `ResourceNotFoundException`). */
public class NoSuchEntityException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public NoSuchEntityException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public NoSuchEntityException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
