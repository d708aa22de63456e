package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.TrustPolicyQuotaContract;

/** The {@link TrustPolicyQuotaContract} kit, run on the in-memory fake. */
class InMemoryTrustPolicyQuotaContractTest extends TrustPolicyQuotaContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected IamPort iam() {
    return aws;
  }

  @Override
  protected void setTrustPolicyQuota(int quota) {
    aws.trustPolicyQuota(quota);
  }
}
