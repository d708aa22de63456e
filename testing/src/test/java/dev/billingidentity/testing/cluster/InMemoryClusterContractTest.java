package dev.billingidentity.testing.cluster;

import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.contract.ClusterFixture;
import dev.billingidentity.testing.contract.ClusterPortContract;
import java.util.Map;

/** The {@link ClusterPortContract} kit, run on the in-memory cluster, with every fixture capability. */
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
      public void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace,
          Map<String, String> labels) {
        cluster.givenControlPlane(group, name, controlPlaneId, hostNamespace, labels);
      }

      @Override
      public void givenControlPlaneObject(String group, String name, String controlPlaneId, String hostNamespace) {
        cluster.givenControlPlaneObject(group, name, controlPlaneId, hostNamespace, Map.of());
      }

      @Override
      public void givenNamespace(String name) {
        cluster.givenNamespace(name, Map.of());
      }

      @Override
      public void labelNamespace(String namespace, Map<String, String> labels) {
        cluster.labelNamespace(namespace, labels);
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
      public WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
          Map<String, String> env, String image) {
        cluster.setImage(namespace, image);
        return cluster.givenWorkload(kind, namespace, name, serviceAccount, 1, env);
      }

      @Override
      public void setImage(WorkloadRef workload, String image) {
        cluster.setImage(workload.namespace(), image);
      }

      @Override
      public void hangRollouts(WorkloadRef workload) {
        cluster.stuck(workload, true);
      }

      @Override
      public ServiceAccountIssuer serviceAccountIssuer() {
        return cluster.issuer();
      }

      @Override
      public String restartedAt(WorkloadRef workload) {
        return cluster.restartedAt(workload).map(Object::toString).orElse(null);
      }
    };
  }
}
