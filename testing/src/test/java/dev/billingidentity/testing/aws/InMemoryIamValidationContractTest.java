package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamValidationContract;

/** The {@link IamValidationContract} kit, run on the in-memory fake. */
class InMemoryIamValidationContractTest extends IamValidationContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected IamPort iam() {
    return aws;
  }
}
