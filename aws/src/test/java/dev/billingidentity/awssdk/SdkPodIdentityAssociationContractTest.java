package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.PodIdentityAssociationContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Pod Identity association contract kit on the SDK adapters, over HTTP to the fake AWS server. */
class SdkPodIdentityAssociationContractTest extends PodIdentityAssociationContract {
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

  @Override
  protected void givenAddon(String cluster, String addon) {
    aws.fake().givenAddon(cluster, addon);
  }
}
