package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.testing.contract.EksClusterContract;

/** The {@link EksClusterContract} kit, run on the in-memory fake. */
class InMemoryEksClusterContractTest extends EksClusterContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected EksPort eks() {
    return aws;
  }

  @Override
  protected String givenCluster(String name) {
    return aws.givenCluster(name);
  }
}
