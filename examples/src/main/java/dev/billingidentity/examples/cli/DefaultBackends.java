package dev.billingidentity.examples.cli;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.AwsBackendProvider;
import dev.billingidentity.spi.cluster.ClusterBackendProvider;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.util.ServiceLoader;

/** The real backends, found on the classpath: the SDK adapters and the fabric8 adapter. */
final class DefaultBackends implements Backends {
  @Override
  public AwsBackend aws(ConnectionOptions connection) {
    if (connection.awsEndpoint != null) {
      throw new BillingIdentityException("--aws-endpoint needs the billing-identity-aws adapters, which this build "
          + "of the CLI does not include yet");
    }
    return ServiceLoader.load(AwsBackendProvider.class).findFirst().map(AwsBackendProvider::create)
        .orElseThrow(() -> new BillingIdentityException("no AWS backend on the classpath (billing-identity-aws)"));
  }

  @Override
  public ClusterPort cluster(ConnectionOptions connection) {
    if (connection.kubeconfig != null) {
      throw new BillingIdentityException("--kubeconfig needs the billing-identity-kubernetes adapter, which this "
          + "build of the CLI does not include yet");
    }
    return ServiceLoader.load(ClusterBackendProvider.class).findFirst().map(ClusterBackendProvider::create)
        .orElseThrow(() -> new BillingIdentityException("no cluster backend on the classpath "
            + "(billing-identity-kubernetes)"));
  }
}
