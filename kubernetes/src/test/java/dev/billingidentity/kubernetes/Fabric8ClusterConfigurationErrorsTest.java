package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentityException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing cluster configuration is said in words a user can act on, at once, not after 20 s of retries. */
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

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }
}
