package dev.billingidentity.awssdk.moto;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.testing.contract.EksClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EKS DescribeCluster kit on the SDK adapter against moto. */
class MotoEksClusterContractTest extends EksClusterContract {
  @RegisterExtension
  static final MotoEndpoint moto = new MotoEndpoint();

  @Override
  protected EksPort eks() {
    return moto.backend().eks();
  }

  @Override
  protected String givenCluster(String name) {
    return moto.givenCluster(name);
  }
}
