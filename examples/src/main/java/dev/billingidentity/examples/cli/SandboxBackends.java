package dev.billingidentity.examples.cli;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real adapters pointed at a sandbox: the SDK adapters at its fake AWS server with its credentials, the fabric8
 * adapter through its kubeconfig. What {@code --aws-endpoint} and {@code --kubeconfig} give with the sandbox's
 * environment exported, without changing this JVM's environment or system properties (the demo runs in-process).
 */
final class SandboxBackends implements Backends {
  private final Sandbox sandbox;
  private final Path kubeconfig;
  private final List<AutoCloseable> opened = new ArrayList<>();

  SandboxBackends(Sandbox sandbox, Path kubeconfig) {
    this.sandbox = sandbox;
    this.kubeconfig = kubeconfig;
  }

  @Override
  public AwsBackend aws(ConnectionOptions connection, String region) {
    AwsAdapters adapters = AwsAdapters.builder().region(region).endpointOverride(sandbox.awsEndpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)))
        .build();
    opened.add(adapters);
    return adapters.backend();
  }

  @Override
  public ClusterPort cluster(ConnectionOptions connection) {
    Fabric8Cluster cluster = Fabric8Cluster.fromKubeconfig(kubeconfig);
    opened.add(cluster);
    return cluster;
  }

  @Override
  public void close() {
    Backends.closeAll(opened);
  }
}
