package dev.billingidentity.spi.aws;

import java.util.Objects;

/**
 * A role session that STS ({@code AssumeRoleWithWebIdentity}) or EKS Auth ({@code AssumeRoleForPodIdentity}) issued:
 * whose session it is, and its temporary credentials. {@link #toString()} shows the session's ARN only, never the
 * credentials, so that it cannot leak them into a log or an exception.
 *
 * @param assumedRoleArn the session's ARN, e.g. {@code arn:aws:sts::123456789012:assumed-role/spaces-billing/probe}
 * @param credentials the session's credentials
 */
public record AssumedRole(String assumedRoleArn, SessionCredentials credentials) {
  public AssumedRole {
    Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** The role's name, from the session's ARN ({@code assumed-role/<role>/<session>}). */
  public String roleName() {
    String resource = assumedRoleArn.substring(assumedRoleArn.lastIndexOf(':') + 1);
    String[] parts = resource.split("/");
    return parts.length >= 2 ? parts[1] : resource;
  }

  /** The session's ARN, and the credentials redacted. */
  @Override
  public String toString() {
    return "AssumedRole[assumedRoleArn=" + assumedRoleArn + ", credentials=(redacted)]";
  }
}
