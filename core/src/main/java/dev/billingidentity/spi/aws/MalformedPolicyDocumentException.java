package dev.billingidentity.spi.aws;

/** AWS answered that IAM refused a policy document (`MalformedPolicyDocument`); never retried. */
public class MalformedPolicyDocumentException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public MalformedPolicyDocumentException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public MalformedPolicyDocumentException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
