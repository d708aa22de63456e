package dev.billingidentity.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.billingidentity.policy.MalformedPolicyException;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What IAM refuses in a policy document before storing it, with IAM's messages: characters outside the API's
 * character set, text that is not a policy, duplicate {@code Sid}s, statements without actions, trust statements
 * without a principal or with a resource, trust in an OIDC provider that does not exist, permission statements with a
 * principal or without a resource. A fake that accepted these would let a bug through that IAM stops.
 */
final class IamPolicyRules {
  /** The characters IAM's API model allows in a policy document. */
  private static final String CHARACTERS = "Member must satisfy regular expression pattern: "
      + "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

  private IamPolicyRules() {}

  /**
   * A trust (assume-role) policy as IAM checks it.
   *
   * @param field the API field, for the validation message ({@code assumeRolePolicyDocument} or {@code policyDocument})
   * @param oidcProviderExists whether IAM knows an OIDC provider ARN
   */
  static PolicyDocument trust(String op, String field, String json, Predicate<String> oidcProviderExists) {
    PolicyDocument doc = common(op, field, json);
    for (Statement s : doc.statements()) {
      if (s.element("Principal").isEmpty() && s.element("NotPrincipal").isEmpty()) {
        throw AwsErrors.malformed(op, "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: "
            + "The passed in policy has a statement with no principals!");
      }
      if (s.element("Resource").isPresent() || s.element("NotResource").isPresent()) {
        throw AwsErrors.malformed(op, "Has prohibited field Resource.");
      }
      JsonNode federated = s.element("Principal").map(p -> p.path("Federated")).orElse(null);
      for (String arn : texts(federated)) {
        if (arn.contains(":oidc-provider/") && !oidcProviderExists.test(arn)) {
          // IAM's answer for a provider ARN it does not know, e.g. one not created yet.
          throw AwsErrors.malformed(op, "Federated principals must be valid domain names or SAML metadata ARNs");
        }
      }
    }
    return doc;
  }

  /** A permission (inline) policy as IAM checks it. */
  static PolicyDocument permissions(String op, String json) {
    PolicyDocument doc = common(op, "policyDocument", json);
    for (Statement s : doc.statements()) {
      if (s.element("Principal").isPresent() || s.element("NotPrincipal").isPresent()) {
        throw AwsErrors.malformed(op, "Policy document should not specify a principal.");
      }
      if (s.element("Resource").isEmpty() && s.element("NotResource").isEmpty()) {
        throw AwsErrors.malformed(op, "Policy statement must contain resources.");
      }
    }
    return doc;
  }

  private static PolicyDocument common(String op, String field, String json) {
    if (json == null || json.isEmpty()) {
      throw AwsErrors.validation(op, "", field, "Member must have length greater than or equal to 1");
    }
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
        throw AwsErrors.validation(op, json, field, CHARACTERS);
      }
    }
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(json);
    } catch (MalformedPolicyException e) {
      throw AwsErrors.malformed(op, "Syntax errors in policy.");
    }
    if (doc.statements().isEmpty()) {
      throw AwsErrors.malformed(op, "Statement list cannot be empty.");
    }
    if (!doc.grammarProblems().isEmpty()) {
      throw AwsErrors.malformed(op, "Syntax errors in policy.");
    }
    Set<String> sids = new HashSet<>();
    for (Statement s : doc.statements()) {
      if (s.sid().isPresent() && !sids.add(s.sid().get())) {
        throw AwsErrors.malformed(op, "Statement IDs (SID) in a single policy must be unique.");
      }
      if (s.element("Action").isEmpty() && s.element("NotAction").isEmpty()) {
        throw AwsErrors.malformed(op, "Policy statement must contain actions.");
      }
    }
    return doc;
  }

  private static Iterable<String> texts(JsonNode node) {
    Set<String> out = new HashSet<>();
    if (node == null || node.isMissingNode()) {
      return out;
    }
    if (node.isTextual()) {
      out.add(node.textValue());
    } else if (node.isArray()) {
      node.forEach(n -> {
        if (n.isTextual()) {
          out.add(n.textValue());
        }
      });
    }
    return out;
  }
}
