package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.testing.contract.StsPortContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The STS contract kit on the SDK adapter, over HTTP to the fake AWS server. */
class SdkStsContractTest extends StsPortContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected StsPort sts() {
    return aws.backend().sts();
  }

  @Override
  protected String expectedAccount() {
    return aws.fake().account().id();
  }
}
