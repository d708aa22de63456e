package dev.billingidentity.testing.aws;

import dev.billingidentity.aws.Partition;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.testing.contract.StsPortContract;

/** The {@link StsPortContract} kit, run on the in-memory fake. */
class InMemoryStsContractTest extends StsPortContract {
  @Override
  protected StsPort sts() {
    return new InMemoryAws("210987654321", Partition.AWS, "eu-west-1");
  }

  @Override
  protected String expectedAccount() {
    return "210987654321";
  }
}
