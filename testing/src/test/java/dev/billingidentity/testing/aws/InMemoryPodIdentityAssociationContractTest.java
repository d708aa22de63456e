package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.PodIdentityAssociationContract;

/** The {@link PodIdentityAssociationContract} kit, run on the in-memory fake. */
class InMemoryPodIdentityAssociationContractTest extends PodIdentityAssociationContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected EksPort eks() {
    return aws;
  }

  @Override
  protected IamPort iam() {
    return aws;
  }

  @Override
  protected void givenCluster(String name) {
    aws.givenCluster(name);
  }

  @Override
  protected void givenAddon(String cluster, String addon) {
    aws.givenAddon(cluster, addon);
  }
}
