package dev.billingidentity.awssdk.moto;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamPortContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IAM contract kit on the SDK adapter against moto, the independent peer. */
class MotoIamContractTest extends IamPortContract {
  @RegisterExtension
  static final MotoEndpoint moto = new MotoEndpoint();

  @Override
  protected IamPort iam() {
    return moto.backend().iam();
  }
}
