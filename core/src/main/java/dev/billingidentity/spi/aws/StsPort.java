package dev.billingidentity.spi.aws;

/** The STS operations the library needs: who am I, and (the probe) what vector's token is worth. */
public interface StsPort {
  /** {@return {@code GetCallerIdentity}} */
  CallerIdentity callerIdentity();

  /**
   * {@code AssumeRoleWithWebIdentity}: exchanges a service account's token (audience {@code sts.amazonaws.com}) for
   * the role's credentials, as vector's SDK does under IRSA. STS needs no credentials of the caller for it. Throws
   * {@link InvalidTokenException} when STS refuses the token itself (signature, issuer, audience, expiry) and
   * {@link AccessDeniedException} when the role's trust refuses it (or there is no such role).
   *
   * @param roleArn the role to assume
   * @param sessionName the session's name (2 to 64 of {@code [\w+=,.@-]})
   * @param webIdentityToken the token; never logged, nor put in an exception
   */
  AssumedRole assumeRoleWithWebIdentity(String roleArn, String sessionName, String webIdentityToken);
}
