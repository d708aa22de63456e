package dev.billingidentity.examples.cli;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterBackendProvider;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The real backends: the SDK adapters (credentials from the SDK's default chain; {@code --aws-endpoint} sends every
 * call elsewhere, e.g. to the sandbox) and the fabric8 cluster adapter ({@code --kubeconfig}, or the one found on
 * the classpath with fabric8's default configuration).
 */
final class DefaultBackends implements Backends {
  private final List<AutoCloseable> opened = new ArrayList<>();

  @Override
  public AwsBackend aws(ConnectionOptions connection, String region) {
    AwsAdapters.Builder builder = AwsAdapters.builder().region(region);
    if (connection.awsEndpoint != null) {
      builder.endpointOverride(URI.create(connection.awsEndpoint));
    }
    AwsAdapters adapters = builder.build();
    opened.add(adapters);
    return adapters.backend();
  }

  @Override
  public ClusterPort cluster(ConnectionOptions connection) {
    ClusterPort cluster = connection.kubeconfig != null
        ? Fabric8Cluster.fromKubeconfig(Path.of(connection.kubeconfig))
        : ServiceLoader.load(ClusterBackendProvider.class).findFirst().map(ClusterBackendProvider::create)
            .orElseThrow(() -> new BillingIdentityException("no cluster backend on the classpath "
                + "(billing-identity-kubernetes)"));
    if (cluster instanceof AutoCloseable closeable) {
      opened.add(closeable);
    }
    return cluster;
  }

  @Override
  public void close() {
    Backends.closeAll(opened);
  }
}
