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
 * quarter of a second of a short command) is made on the port's first call, or ahead of it in the background once a
 * command knows it will call the cluster ({@link #prepareInBackground}). The kubeconfig was checked with the other
 * inputs before any call. Once closed, nothing more is made: a making still under way is waited for and closed.
 */
final class LazyCluster implements ClusterPort, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LazyCluster.class);

  private final Supplier<Fabric8Cluster> make;
  // Guarded by this.
  private Fabric8Cluster cluster;
  private boolean closed;
  // A linkage error of the making ahead (a class that failed to initialise): the first call rethrows it, with its
  // cause, rather than meet the bare NoClassDefFoundError a second making would.
  private LinkageError prepareError;

  LazyCluster(Supplier<Fabric8Cluster> make) {
    this.make = make;
  }

  /**
   * Starts making the adapter on a daemon thread, for a command that will call the cluster: the kubeconfig's read and
   * fabric8's client (~0.15 s of CPU) then overlap the command's first AWS reads instead of coming after them. The
   * first call waits for it; a failure is left for that call to meet again and report. Nothing is made once closed.
   */
  void prepareInBackground() {
    Thread prepare = new Thread(this::prepare, "billing-identity-cluster-prepare");
    prepare.setDaemon(true);
    prepare.start();
  }

  private synchronized void prepare() {
    if (closed || cluster != null) {
      return;
    }
    try {
      cluster = make.get();
    } catch (RuntimeException e) {
      LOG.debug("making the cluster client ahead of its first call failed; that call will report it: {}",
          e.getMessage());
    } catch (LinkageError e) {
      prepareError = e;
    }
  }

  /** The adapter, made now if it was not. */
  synchronized Fabric8Cluster cluster() {
    if (cluster == null) {
      if (prepareError != null) {
        throw prepareError;
      }
      cluster = make.get();
    }
    return cluster;
  }

  /** The adapter, if it was made (by a call, or ahead of one). */
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

  /** Closes the adapter, if it was made (waiting for a making under way); none is made ahead after this. */
  @Override
  public synchronized void close() {
    closed = true;
    if (cluster != null) {
      cluster.close();
    }
  }
}
