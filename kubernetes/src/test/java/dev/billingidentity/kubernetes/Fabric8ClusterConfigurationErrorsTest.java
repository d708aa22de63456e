package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentityException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or unreadable cluster configuration is said in words a user can act on, at once, not after retries. */
class Fabric8ClusterConfigurationErrorsTest {
  @TempDir Path dir;

  @Test
  void withNeitherAKubeconfigNorAServiceAccountTheErrorSaysWhatToGive() {
    // Stand-ins for KUBECONFIG and the pod's token file, so that this machine's own files do not count.
    String kubeconfig = System.setProperty("kubeconfig", dir.resolve("no-kubeconfig").toString());
    String token = System.setProperty("kubernetes.auth.serviceAccount.token", dir.resolve("no-token").toString());
    try {
      assertThatThrownBy(Fabric8Cluster::fromDefaultConfig)
          .isInstanceOf(BillingIdentityException.class)
          .hasMessageContaining("no Kubernetes cluster configured")
          .hasMessageContaining(dir.resolve("no-kubeconfig").toString())
          .hasMessageContaining("KUBECONFIG")
          .hasMessageContaining("--kubeconfig")
          .hasMessageNotContaining("UnresolvedAddress");
      assertThatThrownBy(() -> new Fabric8ClusterProvider().create())
          .isInstanceOf(BillingIdentityException.class).hasMessageContaining("KUBECONFIG");
    } finally {
      restore("kubeconfig", kubeconfig);
      restore("kubernetes.auth.serviceAccount.token", token);
    }
  }

  @Test
  void anEmptyKubeconfigIsNamedAndSaidToBeEmpty() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "");

    assertThatThrownBy(() -> Fabric8Cluster.fromKubeconfig(empty))
        .isInstanceOf(BillingIdentityException.class)
        .hasMessage("kubeconfig " + empty + " is not a kubeconfig fabric8 can read (it is empty or holds no Config "
            + "document)");
  }

  @Test
  void aKubeconfigThatIsNotYamlIsNamedWithThePositionButNotTheLineWhichMayHoldAToken() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken"), """
        apiVersion: v1
        users:
        - name: u
          user:
            token: [secretTokenOnABrokenLine
        """);

    assertThatThrownBy(() -> Fabric8Cluster.fromKubeconfig(broken))
        .isInstanceOf(BillingIdentityException.class)
        .hasMessageStartingWith("kubeconfig " + broken + " is not a kubeconfig fabric8 can read (YAML error at line ")
        .hasMessageNotContaining("secretTokenOnABrokenLine")
        .hasNoCause();
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }
}
