package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamValidationContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IAM validation contract kit on the SDK adapter, over HTTP to the fake AWS server: IAM's refusals arrive as AWS's
 * Query-protocol errors and the adapter must turn each into the port's exception with AWS's code and status. moto
 * 5.2.1 models only the idempotent delete of this kit ({@code MotoIamValidationContractTest} says what it lets
 * through), so the rest is checked against AWS's behaviour here and in memory only.
 */
class SdkIamValidationContractTest extends IamValidationContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected IamPort iam() {
    return aws.backend().iam();
  }
}
