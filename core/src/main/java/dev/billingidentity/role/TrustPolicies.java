package dev.billingidentity.role;

import dev.billingidentity.policy.MalformedPolicyException;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.List;

/** Reads a role's trust policy the way a rewrite needs it: refusing anything ambiguous. */
public final class TrustPolicies {
  private TrustPolicies() {}

  /**
   * The role's trust policy, parsed. Refused (never silently rewritten) when it is malformed, has duplicate keys, or
   * has elements IAM does not know: rewriting it could change what someone else's statement means.
   */
  public static PolicyDocument parseStrict(RoleInfo role) {
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(role.trustPolicyJson());
    } catch (MalformedPolicyException e) {
      throw new MalformedPolicyException("trust policy of role '" + role.name() + "': " + e.getMessage()
          + "; refusing to rewrite it", e);
    }
    List<String> problems = doc.grammarProblems();
    if (!problems.isEmpty()) {
      throw new MalformedPolicyException("trust policy of role '" + role.name() + "' has " + String.join("; ", problems)
          + "; refusing to rewrite it");
    }
    return doc;
  }

  /** {@return an empty trust policy: where a new role's trust is edited from} */
  public static PolicyDocument empty() {
    return PolicyDocument.of(List.of());
  }
}
