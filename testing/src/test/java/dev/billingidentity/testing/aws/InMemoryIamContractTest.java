package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamPortContract;

/** The {@link IamPortContract} kit, run on the in-memory fake. */
class InMemoryIamContractTest extends IamPortContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected IamPort iam() {
    return aws;
  }
}
