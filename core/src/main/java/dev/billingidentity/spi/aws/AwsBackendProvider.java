package dev.billingidentity.spi.aws;

/**
 * Makes the AWS backend when the caller passes none: found with {@link java.util.ServiceLoader}. The
 * {@code billing-identity-aws} artifact provides one built on the SDK's default credential and region chains.
 */
public interface AwsBackendProvider {
  /** {@return a backend ready to use} */
  AwsBackend create();
}
