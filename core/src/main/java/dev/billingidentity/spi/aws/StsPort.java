package dev.billingidentity.spi.aws;

/** The STS operation the library needs: who am I. */
public interface StsPort {
  /** {@return {@code GetCallerIdentity}} */
  CallerIdentity callerIdentity();
}
