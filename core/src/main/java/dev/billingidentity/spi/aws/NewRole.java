package dev.billingidentity.spi.aws;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link IamPort#createRole} creates.
 *
 * @param name the role name
 * @param path the role path
 * @param trustPolicyJson the trust policy, minified JSON
 * @param description the role's description, or null for none
 * @param tags the role's tags (the library's ownership tag among them)
 * @param permissionsBoundary the ARN of the managed policy that bounds the role's permissions, if any
 * @param maxSessionDurationSeconds the role's maximum session duration; IAM's default (3600) when empty
 */
public record NewRole(String name, String path, String trustPolicyJson, String description, Map<String, String> tags,
    Optional<String> permissionsBoundary, OptionalInt maxSessionDurationSeconds) {
  /** Copies the tags; refuses a null boundary or session duration (empty when not set). */
  public NewRole {
    tags = Map.copyOf(tags);
    Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    Objects.requireNonNull(maxSessionDurationSeconds, "maxSessionDurationSeconds");
  }

  /** A role with no permissions boundary and IAM's default maximum session duration. */
  public NewRole(String name, String path, String trustPolicyJson, String description, Map<String, String> tags) {
    this(name, path, trustPolicyJson, description, tags, Optional.empty(), OptionalInt.empty());
  }
}
