package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamQuotaContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IAM quota contract kit (OIDC providers, inline policy size, tags) on the SDK adapter, over HTTP to the fake AWS
 * server: {@code LimitExceeded} must arrive as the port's exception with HTTP 409, not retried. moto 5.2.1 models none
 * of these quotas ({@code MotoIamQuotaContractTest}), so this is the only peer over HTTP.
 */
class SdkIamQuotaContractTest extends IamQuotaContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected IamPort iam() {
    return aws.backend().iam();
  }
}
