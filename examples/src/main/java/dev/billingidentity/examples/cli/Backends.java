package dev.billingidentity.examples.cli;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;

/**
 * Where the CLI's operations find AWS and the cluster. The default uses the SDK's credential and region chains (or
 * {@code --aws-endpoint}) and the kubeconfig (or {@code --kubeconfig}); tests and the demo pass in-memory ones.
 */
interface Backends {
  /** AWS, in {@code region} (the bucket's, unless the SDK's region chain says otherwise). */
  AwsBackend aws(ConnectionOptions connection, String region);

  ClusterPort cluster(ConnectionOptions connection);
}
