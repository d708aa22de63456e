package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EKS's limit of 5,000 Pod Identity associations per cluster (not raisable): the 5,001st is refused with
 * {@code ResourceLimitExceededException}, which the library must report, not retry. In its own kit because it makes
 * 5,000 calls: cheap in memory, a few seconds over HTTP. moto does not model it.
 */
public abstract class AssociationQuotaContract {
  /** The EKS port under test. */
  protected abstract EksPort eks();

  /** The IAM port of the same account, to make the role the associations point at. */
  protected abstract IamPort iam();

  /** Creates (or replaces with an empty one) a cluster in the backend behind the ports. */
  protected abstract void givenCluster(String name);

  @Test
  void theFiveThousandAndFirstAssociationOfAClusterIsRefused() {
    String cluster = "quota-cluster";
    givenCluster(cluster);
    String role = iam().createRole(new NewRole(IamPortContract.uniqueRole(), "/",
        PodIdentityAssociationContract.POD_IDENTITY_TRUST, "", Map.of())).arn();
    for (int i = 0; i < 5000; i++) {
      eks().createPodIdentityAssociation(new NewAssociation(cluster, "ns-" + i, "vector", role, Map.of()));
    }

    assertThatThrownBy(() -> eks().createPodIdentityAssociation(new NewAssociation(cluster, "ns-5000", "vector", role,
        Map.of()))).isInstanceOf(LimitExceededException.class)
        .satisfies(e -> assertThat(((LimitExceededException) e).errorCode())
            .isEqualTo("ResourceLimitExceededException"));
    assertThat(eks().listAllPodIdentityAssociations(cluster, null)).hasSize(5000);
  }
}
