package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.spi.cluster.ClusterPort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real backends make a client only when a command first calls its port. */
class DefaultBackendsTest {
  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: nowhere
        cluster:
          server: http://127.0.0.1:9
      users:
      - name: nobody
        user: {}
      contexts:
      - name: nowhere
        context:
          cluster: nowhere
          user: nobody
      current-context: nowhere
      """;

  @TempDir Path dir;

  @Test
  void theKubeconfigIsReadOnTheClustersFirstUseNotWhenTheCommandAsksForTheCluster() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    ConnectionOptions connection = new ConnectionOptions();
    connection.kubeconfig = kubeconfig.toString();
    try (DefaultBackends backends = new DefaultBackends()) {
      ClusterPort cluster = backends.cluster(connection);   // the file is not there yet: nothing reads it
      assertThat(cluster).isNotNull();
      assertThat(backends.clustersMade()).isEmpty();
      assertThat(backends.httpRequests()).doesNotContainKey("kubernetes");

      Files.writeString(kubeconfig, KUBECONFIG);
      assertThat(backends.clusters()).singleElement()
          .satisfies(made -> assertThat(made.client().getMasterUrl().toString()).startsWith("http://127.0.0.1:9"));
      assertThat(backends.clustersMade()).hasSize(1);
    }
  }

  @Test
  void aCommandThatCallsNoPortMakesNoClient() {
    ConnectionOptions connection = new ConnectionOptions();
    connection.kubeconfig = dir.resolve("absent").toString();
    connection.awsEndpoint = "http://127.0.0.1:9";
    try (DefaultBackends backends = new DefaultBackends()) {
      backends.aws(connection, "us-east-1");
      backends.cluster(connection);

      assertThat(backends.clustersMade()).isEmpty();
    }
  }
}
