package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.AssociationQuotaContract;

/** The {@link AssociationQuotaContract} kit, run on the in-memory fake. */
class InMemoryAssociationQuotaContractTest extends AssociationQuotaContract {
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
}
