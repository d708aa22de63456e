package dev.billingidentity.spi.aws;

import java.util.Map;

/**
 * An IAM role as IAM reports it.
 *
 * @param name the role name
 * @param path the role path, e.g. {@code /}
 * @param arn the role ARN
 * @param trustPolicyJson the trust (assume-role) policy, already URL-decoded: {@code GetRole} returns it encoded
 * @param tags the role's tags
 */
public record RoleInfo(String name, String path, String arn, String trustPolicyJson, Map<String, String> tags) {
  public RoleInfo {
    tags = Map.copyOf(tags);
  }
}
