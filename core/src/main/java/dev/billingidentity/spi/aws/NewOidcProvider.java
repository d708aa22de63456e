package dev.billingidentity.spi.aws;

import java.util.List;
import java.util.Map;

/**
 * What {@link IamPort#createOidcProvider} creates.
 *
 * @param issuerUrl the issuer URL, with {@code https://}
 * @param clientIds the audiences, {@code sts.amazonaws.com} for IRSA
 * @param thumbprints thumbprints to send; empty sends none (IAM then fetches the CA itself)
 * @param tags the provider's tags
 */
public record NewOidcProvider(
    String issuerUrl, List<String> clientIds, List<String> thumbprints, Map<String, String> tags) {
  /** Copies the client ids, the thumbprints and the tags. */
  public NewOidcProvider {
    clientIds = List.copyOf(clientIds);
    thumbprints = List.copyOf(thumbprints);
    tags = Map.copyOf(tags);
  }
}
