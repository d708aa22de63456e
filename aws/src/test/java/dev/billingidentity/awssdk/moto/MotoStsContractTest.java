package dev.billingidentity.awssdk.moto;

import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.testing.contract.StsPortContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The STS contract kit on the SDK adapter against moto (whose default account is 123456789012). */
class MotoStsContractTest extends StsPortContract {
  @RegisterExtension
  static final MotoEndpoint moto = new MotoEndpoint();

  @Override
  protected StsPort sts() {
    return moto.backend().sts();
  }

  @Override
  protected String expectedAccount() {
    return "123456789012";
  }
}
