package dev.billingidentity.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code nextToken} of {@code ListPodIdentityAssociations}: opaque to the caller, as EKS's is, and bound to the
 * cluster and namespace filter it was given for. It names the last association of the page rather than an offset, so
 * that associations deleted between two pages make the next page skip nothing that remains.
 */
final class AssociationPageToken {
  private static final String VERSION = "v1";

  private AssociationPageToken() {}

  static String encode(String cluster, String namespace, long lastSequence) {
    String plain = String.join("\n", VERSION, cluster, namespace == null ? "" : namespace,
        Long.toString(lastSequence));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The sequence number of the last association of the previous page.
   *
   * @throws dev.billingidentity.spi.aws.InvalidParameterException when the token was not given out for this list
   */
  static long decode(String token, String cluster, String namespace) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length == 4 && parts[0].equals(VERSION) && parts[1].equals(cluster)
          && parts[2].equals(namespace == null ? "" : namespace)) {
        return Long.parseLong(parts[3]);
      }
    } catch (IllegalArgumentException e) {
      // falls through to EKS's answer below (NumberFormatException is one too)
    }
    throw AwsErrors.eksInvalid("ListPodIdentityAssociations", "The nextToken is invalid.");
  }
}
