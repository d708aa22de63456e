package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamQuotaContract;

/** The {@link IamQuotaContract} kit, run on the in-memory fake. */
class InMemoryIamQuotaContractTest extends IamQuotaContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected IamPort iam() {
    return aws;
  }
}
