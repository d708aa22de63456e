package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.TrustPolicyQuotaContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trust policy quota contract kit on the SDK adapter, over HTTP to the fake AWS server. */
class SdkTrustPolicyQuotaContractTest extends TrustPolicyQuotaContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected IamPort iam() {
    return aws.backend().iam();
  }

  @Override
  protected void setTrustPolicyQuota(int quota) {
    aws.fake().trustPolicyQuota(quota);
  }
}
