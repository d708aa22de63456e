package dev.billingidentity.testing;

import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import dev.billingidentity.testing.contract.ClusterFixture;
import dev.billingidentity.testing.contract.ClusterPortContract;
import dev.billingidentity.testing.contract.EksClusterContract;
import dev.billingidentity.testing.contract.IamPortContract;
import dev.billingidentity.testing.contract.PodIdentityAssociationContract;
import dev.billingidentity.testing.contract.StsPortContract;
import dev.billingidentity.testing.contract.TrustPolicyQuotaContract;
import java.util.Map;

/** The IamPortContract kit, run on the in-memory fake. */
class InMemoryIamContractTest extends IamPortContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected IamPort iam() {
    return aws;
  }
}
