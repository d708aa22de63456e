package dev.billingidentity.kubernetes;

import dev.billingidentity.BillingIdentityException;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * fabric8's default configuration (kubeconfig, else the pod's service account), or an error that says what is
 * missing and how to give it. Without either, fabric8 falls back to {@code https://kubernetes.default.svc}, which
 * outside a pod cannot be resolved: the first request then retries for some 20 s and fails with an
 * {@code UnresolvedAddressException} that tells a user nothing.
 */
final class DefaultClusterConfig {
  private DefaultClusterConfig() {}

  /** The configuration fabric8 finds, when it found one. */
  static Config find() {
    Config config = Config.autoConfigure(null);
    Collection<String> kubeconfigs = Config.getKubeconfigFilenames();
    String tokenFile = System.getProperty(Config.KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN_FILE_SYSTEM_PROPERTY,
        Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH);
    boolean kubeconfig = kubeconfigs.stream().anyMatch(f -> Files.isRegularFile(Path.of(f)));
    boolean inPod = Files.isRegularFile(Path.of(tokenFile));
    boolean master = !isDefaultMaster(config.getMasterUrl());
    if (kubeconfig || inPod || master || config.getOauthToken() != null) {
      return config;
    }
    throw new BillingIdentityException("no Kubernetes cluster configured: no kubeconfig at "
        + String.join(", ", kubeconfigs) + " and no service account token at " + tokenFile
        + " (not in a pod); set KUBECONFIG to a kubeconfig file, or pass one (Fabric8Cluster.fromKubeconfig(path), "
        + "--kubeconfig FILE in the CLI), or run in a pod with a service account");
  }

  private static boolean isDefaultMaster(String url) {
    return url == null || url.replaceAll("/+$", "").equals(Config.DEFAULT_MASTER_URL);
  }
}
