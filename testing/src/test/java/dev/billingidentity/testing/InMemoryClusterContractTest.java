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

/** The ClusterPortContract kit, run on the in-memory fake. */
class InMemoryClusterContractTest extends ClusterPortContract {
  private final InMemoryCluster cluster = new InMemoryCluster();

  @Override
  protected ClusterPort cluster() {
    return cluster;
  }

  @Override
  protected ClusterFixture fixture() {
    return new ClusterFixture() {
      @Override
      public void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace) {
        cluster.givenControlPlane(group, name, controlPlaneId, hostNamespace, Map.of());
      }

      @Override
      public void givenNamespace(String name) {
        cluster.givenNamespace(name, Map.of());
      }

      @Override
      public void givenServiceAccount(String namespace, String name, Map<String, String> annotations) {
        cluster.givenServiceAccount(namespace, name, annotations);
      }

      @Override
      public WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
          Map<String, String> env) {
        return cluster.givenWorkload(kind, namespace, name, serviceAccount, 1, env);
      }

      @Override
      public String restartedAt(WorkloadRef workload) {
        return cluster.restartedAt(workload).map(Object::toString).orElse(null);
      }
    };
  }
}
