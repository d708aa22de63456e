package com.example.billing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spring Boot 3.5's BOM first and no jackson-annotations 2.22: fabric8's Jackson 3.2 cannot run, and the adapter
 * says so, with the README's line, before fabric8 reads anything (instead of a NoClassDefFoundError later).
 */
class WithoutTheLineTest {

  @Test
  void theClusterAdapterNamesTheLineToAdd(@TempDir Path dir) throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("config"), String.join("\n",
        "apiVersion: v1", "kind: Config", "current-context: sandbox",
        "clusters: [{name: sandbox, cluster: {server: 'https://127.0.0.1:6443'}}]",
        "users: [{name: admin, user: {token: not-a-real-token}}]",
        "contexts: [{name: sandbox, context: {cluster: sandbox, user: admin}}]", ""));

    assertThatThrownBy(() -> Fabric8Cluster.fromKubeconfig(kubeconfig))
        .isInstanceOf(BillingIdentityException.class)
        .hasMessageContaining("jackson-annotations 2.22")
        .hasMessageContaining("add jackson-annotations 2.22 to your own dependencyManagement");
  }
}
