package dev.billingidentity.testing.contract;

import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import java.util.Map;

/**
 * Seeds a cluster behind a {@link dev.billingidentity.spi.cluster.ClusterPort} with what the port only reads: the
 * in-memory cluster implements it directly, the fabric8 adapter's tests through the mock server.
 */
public interface ClusterFixture {
  /**
   * A Spaces {@code ControlPlane} in {@code group}: {@code controlPlaneId} null means not provisioned;
   * {@code hostNamespace} non-null plays {@code spec.hostNamespace.name}. A provisioned one gets its host namespace
   * with Spaces' labels.
   */
  void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace);

  /** A namespace without a control plane. */
  void givenNamespace(String name);

  /** A service account with annotations. */
  void givenServiceAccount(String namespace, String name, Map<String, String> annotations);

  /** A workload running as {@code serviceAccount} with one ready pod carrying {@code env}. */
  WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
      Map<String, String> env);

  /** The workload's pod template {@code kubectl.kubernetes.io/restartedAt} annotation, or null. */
  String restartedAt(WorkloadRef workload);
}
