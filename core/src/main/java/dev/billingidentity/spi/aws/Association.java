package dev.billingidentity.spi.aws;

import java.util.Map;

/**
 * An EKS Pod Identity association, described in full.
 *
 * @param associationId e.g. {@code a-abcdefghijklmnop1}
 * @param associationArn the association's ARN
 * @param clusterName the cluster
 * @param namespace the Kubernetes namespace (a control plane's host namespace)
 * @param serviceAccount the service account, {@code vector}
 * @param roleArn the role the pods get
 * @param tags the association's tags (the library's ownership tag when it created it)
 */
public record Association(
    String associationId,
    String associationArn,
    String clusterName,
    String namespace,
    String serviceAccount,
    String roleArn,
    Map<String, String> tags) {
  /** Copies the tags. */
  public Association {
    tags = Map.copyOf(tags);
  }
}
