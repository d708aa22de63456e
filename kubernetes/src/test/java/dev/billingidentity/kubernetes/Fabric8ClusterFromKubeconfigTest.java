package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.validation.InvalidInputException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Fabric8Cluster#fromKubeconfig}: the file's cluster, whatever KUBECONFIG says, and its requests counted. */
// Plain HTTP: the kubeconfig written here carries no CA for the mock server's self-signed certificate.
@EnableKubernetesMockClient(crud = true, https = false)
class Fabric8ClusterFromKubeconfigTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  private Path kubeconfig() throws Exception {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        users:
        - name: mock
          user:
            token: t
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
        current-context: mock
        """.formatted(server.url("/").replaceAll("/$", "")));
  }

  @Test
  void readsTheClusterOfTheFileAndCountsEveryRequestItSends() throws Exception {
    new MockClusterFixture(client).givenControlPlane("team-a", "ctp-1", "0a1b", null);
    // fabric8's default configuration would read this file (the system property stands for KUBECONFIG): it must not.
    String previous = System.setProperty("kubeconfig", dir.resolve("elsewhere").toString());
    try (Fabric8Cluster cluster = Fabric8Cluster.fromKubeconfig(kubeconfig())) {
      int before = server.getRequestCount();

      assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all())).singleElement()
          .satisfies(cp -> assertThat(cp.hostNamespace()).contains("mxp-0a1b-system"));
      cluster.observe(Set.of("mxp-0a1b-system"), "vector");

      assertThat(cluster.httpRequests()).hasValue(server.getRequestCount() - before);
      assertThat(cluster.httpRequests().getAsLong()).isPositive();
    } finally {
      if (previous == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", previous);
      }
    }
  }

  @Test
  void aClientPassedInHasNoCountAndAMissingFileIsNamed() {
    assertThat(new Fabric8Cluster(client).httpRequests()).isEmpty();
    assertThatThrownBy(() -> Fabric8Cluster.fromKubeconfig(dir.resolve("nope")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope").hasMessageContaining("no such file");
  }
}
