package dev.billingidentity.examples.cli;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterBackendProvider;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.net.URI;
import java.util.ServiceLoader;

/**
 * The real backends: the SDK adapters (credentials from the SDK's default chain; {@code --aws-endpoint} sends every
 * call elsewhere, e.g. to the sandbox) and the cluster adapter found on the classpath.
 */
final class DefaultBackends implements Backends {
  @Override
  public AwsBackend aws(ConnectionOptions connection, String region) {
    AwsAdapters.Builder builder = AwsAdapters.builder().region(region);
    if (connection.awsEndpoint != null) {
      builder.endpointOverride(URI.create(connection.awsEndpoint));
    }
    return builder.build().backend();
  }

  @Override
  public ClusterPort cluster(ConnectionOptions connection) {
    if (connection.kubeconfig != null) {
      System.setProperty("kubeconfig", connection.kubeconfig);
    }
    return ServiceLoader.load(ClusterBackendProvider.class).findFirst().map(ClusterBackendProvider::create)
        .orElseThrow(() -> new BillingIdentityException("no cluster backend on the classpath "
            + "(billing-identity-kubernetes)"));
  }
}
