package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.testing.contract.EksClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EKS cluster contract kit on the SDK adapter, over HTTP to the fake AWS server. */
class SdkEksClusterContractTest extends EksClusterContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected EksPort eks() {
    return aws.backend().eks();
  }

  @Override
  protected String givenCluster(String name) {
    return aws.fake().givenCluster(name);
  }
}
