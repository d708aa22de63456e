package dev.billingidentity.spi.aws;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM role as IAM reports it ({@code GetRole}).
 *
 * @param name the role name
 * @param path the role path, e.g. {@code /}
 * @param arn the role ARN
 * @param trustPolicyJson the trust (assume-role) policy, already URL-decoded: {@code GetRole} returns it encoded
 * @param tags the role's tags
 * @param permissionsBoundary the ARN of the policy set as the role's permissions boundary, if any
 * @param maxSessionDurationSeconds the role's maximum session duration (IAM's default is 3600)
 * @param description the role's description, if it has one
 */
public record RoleInfo(String name, String path, String arn, String trustPolicyJson, Map<String, String> tags,
    Optional<String> permissionsBoundary, int maxSessionDurationSeconds, Optional<String> description) {
  /** IAM's maximum session duration of a role created without one, in seconds. */
  public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

  /** Copies the tags; refuses a null boundary or description (empty when not set). */
  public RoleInfo {
    tags = Map.copyOf(tags);
    Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    Objects.requireNonNull(description, "description");
  }

  /** A role with no permissions boundary, no description and IAM's default maximum session duration. */
  public RoleInfo(String name, String path, String arn, String trustPolicyJson, Map<String, String> tags) {
    this(name, path, arn, trustPolicyJson, tags, Optional.empty(), DEFAULT_MAX_SESSION_DURATION, Optional.empty());
  }
}
