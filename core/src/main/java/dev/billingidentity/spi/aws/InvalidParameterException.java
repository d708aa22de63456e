package dev.billingidentity.spi.aws;

/** AWS answered that a parameter was refused, e.g. an association's role that IAM has not made visible to EKS yet (`InvalidParameterException`, `InvalidInput`). */
public class InvalidParameterException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public InvalidParameterException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public InvalidParameterException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
