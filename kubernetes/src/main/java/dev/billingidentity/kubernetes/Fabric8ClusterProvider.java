package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterBackendProvider;
import dev.billingidentity.spi.cluster.ClusterPort;

/** Makes a {@link Fabric8Cluster} from the default kubeconfig or in-cluster configuration; found by {@link java.util.ServiceLoader}. */
public final class Fabric8ClusterProvider implements ClusterBackendProvider {
  /** For {@link java.util.ServiceLoader}. */
  public Fabric8ClusterProvider() {}

  @Override
  public ClusterPort create() {
    return Fabric8Cluster.fromDefaultConfig();
  }
}
