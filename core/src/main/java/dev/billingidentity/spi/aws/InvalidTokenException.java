package dev.billingidentity.spi.aws;

/**
 * AWS refused the token given in exchange for a role's credentials, before looking at the role's trust: STS's
 * {@code InvalidIdentityToken} (signature, issuer without an IAM OIDC provider, audience not among the provider's
 * client ids, malformed), {@code IDPRejectedClaim} and {@code ExpiredTokenException}, or EKS Auth's
 * {@code InvalidTokenException} and {@code ExpiredTokenException}. {@link #errorCode()} tells which; a role that
 * refuses a valid token is {@link AccessDeniedException} instead. Never retried: the same token fails again.
 */
public class InvalidTokenException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String service, String operation, String errorCode, int statusCode, String message) {
    super(service, operation, errorCode, statusCode, message);
  }

  public InvalidTokenException(
      String service, String operation, String errorCode, int statusCode, String message, Throwable cause) {
    super(service, operation, errorCode, statusCode, message, cause);
  }

  /** Whether the token had expired ({@code ExpiredTokenException}), rather than being invalid. */
  public boolean expired() {
    return errorCode().startsWith("ExpiredToken");
  }
}
