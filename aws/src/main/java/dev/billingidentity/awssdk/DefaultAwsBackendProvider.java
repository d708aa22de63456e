package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.AwsBackendProvider;

/**
 * The AWS backend {@link java.util.ServiceLoader} finds when the caller passes none: the SDK adapters with the SDK's
 * default region and credential chains and its standard retries. Its clients live as long as the process, which is
 * how {@code BillingIdentity} keeps the backend it finds.
 */
public final class DefaultAwsBackendProvider implements AwsBackendProvider {
  /** For {@link java.util.ServiceLoader}. */
  public DefaultAwsBackendProvider() {}

  @Override
  public AwsBackend create() {
    return AwsAdapters.builder().build().backend();
  }
}
