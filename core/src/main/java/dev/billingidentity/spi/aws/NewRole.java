package dev.billingidentity.spi.aws;

import java.util.Map;

/**
 * What {@link IamPort#createRole} creates.
 *
 * @param name the role name
 * @param path the role path
 * @param trustPolicyJson the trust policy, minified JSON
 * @param description the role's description
 * @param tags the role's tags (the library's ownership tag among them)
 */
public record NewRole(String name, String path, String trustPolicyJson, String description, Map<String, String> tags) {
  public NewRole {
    tags = Map.copyOf(tags);
  }
}
