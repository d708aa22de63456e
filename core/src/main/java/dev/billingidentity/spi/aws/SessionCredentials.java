package dev.billingidentity.spi.aws;

import java.util.Objects;

/**
 * Temporary credentials of one session (from STS or EKS Auth): what a probe signs with to see the bucket as vector
 * would. {@link #toString()} shows none of them, so that they cannot leak into a log or an exception.
 *
 * @param accessKeyId e.g. {@code ASIA...}
 * @param secretAccessKey the secret
 * @param sessionToken the session token
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
  public SessionCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  /** Redacted: none of the three values appears. */
  @Override
  public String toString() {
    return "SessionCredentials[accessKeyId=(redacted), secretAccessKey=(redacted), sessionToken=(redacted)]";
  }
}
