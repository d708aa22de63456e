package dev.billingidentity.examples.cli;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;

/**
 * Where the CLI's operations find AWS and the cluster. The default uses the SDK's credential and region chains (or
 * {@code --aws-endpoint}) and the kubeconfig (or {@code --kubeconfig}); tests pass in-memory ones. A command closes
 * its backends when it is done, so that the CLI can be embedded and run many times in one JVM.
 */
interface Backends extends AutoCloseable {
  /** AWS, in {@code region} (the bucket's, unless the SDK's region chain says otherwise). */
  AwsBackend aws(ConnectionOptions connection, String region);

  /** The cluster: {@code --kubeconfig}'s, or the one the standard places (or the pod's service account) give. */
  ClusterPort cluster(ConnectionOptions connection);

  /**
   * The HTTP requests sent so far, by peer ({@code aws}, {@code kubernetes}), retries included, where the backends
   * can count them; empty by default.
   */
  default java.util.Map<String, Long> httpRequests() {
    return java.util.Map.of();
  }

  /** Releases the clients this made (HTTP connection pools); nothing by default. */
  @Override
  default void close() {}

  /** Closes {@code opened} and forgets them; a client that fails to close is of no concern to a finished command. */
  static void closeAll(java.util.List<AutoCloseable> opened) {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        // Connection pools of a finished command: nothing a user could act on.
      }
    }
    opened.clear();
  }
}
