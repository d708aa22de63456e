package dev.billingidentity.spi.aws;

/** AWS answered that the caller's credentials may not make this call (`AccessDenied`, `AccessDeniedException`); never retried. */
public class AccessDeniedException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public AccessDeniedException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }
}
