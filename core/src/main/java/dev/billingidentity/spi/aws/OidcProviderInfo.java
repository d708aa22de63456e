package dev.billingidentity.spi.aws;

import java.util.List;
import java.util.Map;

/**
 * An IAM OpenID Connect provider.
 *
 * @param arn the provider ARN, {@code arn:<partition>:iam::<account>:oidc-provider/<host+path>}
 * @param url the issuer as IAM stores it: host and path, without {@code https://}
 * @param clientIds the audiences it accepts, {@code sts.amazonaws.com} for IRSA
 * @param thumbprints the server certificate thumbprints (may be empty: IAM fetches the CA itself today)
 * @param tags the provider's tags
 */
public record OidcProviderInfo(
    String arn, String url, List<String> clientIds, List<String> thumbprints, Map<String, String> tags) {
  /** Copies the client ids, the thumbprints and the tags. */
  public OidcProviderInfo {
    clientIds = List.copyOf(clientIds);
    thumbprints = List.copyOf(thumbprints);
    tags = Map.copyOf(tags);
  }
}
