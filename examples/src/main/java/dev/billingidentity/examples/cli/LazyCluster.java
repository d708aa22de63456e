package dev.billingidentity.examples.cli;

import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster port of a CLI command, whose fabric8 adapter (kubeconfig read, client built: some 2,000 classes and a
 * quarter of a second of a short command) is made on the port's first call, or ahead of it in the background for a
 * command that will call it ({@link #prepareInBackground}), so that a command that asks the cluster nothing pays
 * nothing for it. The kubeconfig was checked with the other inputs before any call.
 */
final class LazyCluster implements ClusterPort, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LazyCluster.class);

  private final Supplier<Fabric8Cluster> make;
  private Fabric8Cluster cluster;

  LazyCluster(Supplier<Fabric8Cluster> make) {
    this.make = make;
  }

  /**
   * Starts making the adapter on a daemon thread, for a command that will call the cluster: the kubeconfig's read and
   * fabric8's client (~0.15 s of CPU) then overlap the command's first AWS reads instead of coming after them. The
   * first call waits for it; a failure is left for that call to meet again and report.
   */
  void prepareInBackground() {
    Thread prepare = new Thread(() -> {
      try {
        cluster();
      } catch (RuntimeException e) {
        LOG.debug("making the cluster client ahead of its first call failed; that call will report it: {}",
            e.getMessage());
      }
    }, "billing-identity-cluster-prepare");
    prepare.setDaemon(true);
    prepare.start();
  }

  /** The adapter, made now if it was not. */
  synchronized Fabric8Cluster cluster() {
    if (cluster == null) {
      cluster = make.get();
    }
    return cluster;
  }

  /** The adapter, if a call made it. */
  synchronized Optional<Fabric8Cluster> made() {
    return Optional.ofNullable(cluster);
  }

  @Override
  public List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query) {
    return cluster().discoverControlPlanes(query);
  }

  @Override
  public ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount) {
    return cluster().observe(hostNamespaces, serviceAccount);
  }

  @Override
  public void restart(WorkloadRef workload, Instant at) {
    cluster().restart(workload, at);
  }

  @Override
  public void awaitRollout(WorkloadRef workload, Duration timeout) {
    cluster().awaitRollout(workload, timeout);
  }

  @Override
  public String requestServiceAccountToken(String namespace, String serviceAccount, String audience,
      Duration expiry) {
    return cluster().requestServiceAccountToken(namespace, serviceAccount, audience, expiry);
  }

  /** Closes the adapter, if it was made; waits for one being made in the background first. */
  @Override
  public void close() {
    made().ifPresent(Fabric8Cluster::close);
  }
}
