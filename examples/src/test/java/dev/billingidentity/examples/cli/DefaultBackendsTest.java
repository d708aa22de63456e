package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real backends: the cluster client of an operation is made ahead of its first call, in the background (every
 * operation reads the cluster), and a kubeconfig that cannot be read is reported by that call.
 */
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
  void anOperationsClusterClientIsMadeInTheBackgroundBeforeItsFirstCall() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
    ConnectionOptions connection = new ConnectionOptions();
    connection.kubeconfig = kubeconfig.toString();
    try (DefaultBackends backends = new DefaultBackends()) {
      backends.cluster(connection);   // no call yet

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (backends.clustersMade().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(backends.clustersMade()).singleElement()
          .satisfies(made -> assertThat(made.client().getMasterUrl().toString()).startsWith("http://127.0.0.1:9"));
      assertThat(backends.httpRequests()).as("made, not called").containsEntry("kubernetes", 0L);
    }
  }

  @Test
  void aClusterClientThatCannotBeMadeAheadIsMadeByTheFirstCall() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    ConnectionOptions connection = new ConnectionOptions();
    connection.kubeconfig = kubeconfig.toString();
    try (DefaultBackends backends = new DefaultBackends()) {
      backends.cluster(connection);   // the file is not there yet: making it ahead fails, quietly
      assertThat(backends.clustersMade()).isEmpty();

      Files.writeString(kubeconfig, KUBECONFIG);
      assertThat(backends.clusters()).singleElement()
          .satisfies(made -> assertThat(made.client().getMasterUrl().toString()).startsWith("http://127.0.0.1:9"));
      assertThat(backends.clustersMade()).hasSize(1);
    }
  }

  @Test
  void theFirstCallReportsAKubeconfigThatCannotBeRead() {
    ConnectionOptions connection = new ConnectionOptions();
    connection.kubeconfig = dir.resolve("absent").toString();
    try (DefaultBackends backends = new DefaultBackends()) {
      ClusterPort cluster = backends.cluster(connection);

      assertThatThrownBy(() -> cluster.discoverControlPlanes(ControlPlaneQuery.all()))
          .hasMessageContaining("absent");
      assertThat(backends.clustersMade()).isEmpty();
    }
  }
}
