package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.AssociationQuotaContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Pod Identity association quota kit (5,000 per cluster) on the SDK adapters, over HTTP to the fake AWS server:
 * 5,000 real {@code CreatePodIdentityAssociation} requests, then the paged list that reads them back. There is no moto
 * variant: moto 5.2.1 has no Pod Identity associations at all ({@code FACTS.md}), so it cannot model their quota.
 */
class SdkAssociationQuotaContractTest extends AssociationQuotaContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected EksPort eks() {
    return aws.backend().eks();
  }

  @Override
  protected IamPort iam() {
    return aws.backend().iam();
  }

  @Override
  protected void givenCluster(String name) {
    aws.fake().givenCluster(name);
  }
}
