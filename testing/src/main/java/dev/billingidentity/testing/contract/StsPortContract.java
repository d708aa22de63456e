package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.spi.aws.CallerIdentity;
import dev.billingidentity.spi.aws.StsPort;
import org.junit.jupiter.api.Test;

/** What every {@link StsPort} must do: say whose credentials these are, with the account and its partition. */
public abstract class StsPortContract {
  /** The port under test. */
  protected abstract StsPort sts();

  /** The account the port's credentials belong to. */
  protected abstract String expectedAccount();

  @Test
  void callerIdentityNamesTheAccountAndItsPartition() {
    CallerIdentity me = sts().callerIdentity();

    assertThat(me.account()).isEqualTo(expectedAccount()).matches("\\d{12}");
    assertThat(me.arn()).startsWith("arn:aws").contains(":" + expectedAccount() + ":");
    assertThat(me.awsAccount().id()).isEqualTo(expectedAccount());
    assertThat(me.userId()).isNotBlank();
  }
}
