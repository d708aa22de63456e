package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamPortContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IAM contract kit on the SDK adapter, over HTTP to the fake AWS server. */
class SdkIamContractTest extends IamPortContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected IamPort iam() {
    return aws.backend().iam();
  }
}
