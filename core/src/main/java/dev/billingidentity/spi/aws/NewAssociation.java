package dev.billingidentity.spi.aws;

import java.util.Map;

/** What {@link EksPort#createPodIdentityAssociation} creates. */
public record NewAssociation(
    String clusterName, String namespace, String serviceAccount, String roleArn, Map<String, String> tags) {
  /** Copies the tags. */
  public NewAssociation {
    tags = Map.copyOf(tags);
  }
}
