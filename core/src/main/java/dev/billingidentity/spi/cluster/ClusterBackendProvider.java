package dev.billingidentity.spi.cluster;

/**
 * Makes the cluster port when the caller passes none: found with {@link java.util.ServiceLoader}. The
 * {@code billing-identity-kubernetes} artifact provides one built on the standard kubeconfig or in-cluster config.
 */
public interface ClusterBackendProvider {
  /** {@return a port ready to use} */
  ClusterPort create();
}
