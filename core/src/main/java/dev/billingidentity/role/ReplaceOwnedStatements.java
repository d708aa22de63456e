package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.List;

/**
 * Sets the library's trust statements whose {@code Sid} starts with {@code sidPrefix} to exactly {@code statements},
 * keeping every other statement (other writers', and the library's statements of the other mode, which matters
 * while migrating from IRSA to Pod Identity). With no statements it removes them (used by destroy).
 *
 * @param sidPrefix which of the library's statements this edit owns, e.g.
 *     {@link BillingPolicies#POD_IDENTITY_SID}; must start with {@link BillingPolicies#OWNED_SID_PREFIX}
 * @param statements the statements to put in their place
 */
public record ReplaceOwnedStatements(String sidPrefix, List<Statement> statements) implements TrustEdit {
  /** Refuses a Sid prefix that is not the library's own, and copies the statements. */
  public ReplaceOwnedStatements {
    if (!sidPrefix.startsWith(BillingPolicies.OWNED_SID_PREFIX)) {
      throw new IllegalArgumentException("the library only edits statements whose Sid starts with "
          + BillingPolicies.OWNED_SID_PREFIX + ", not " + sidPrefix);
    }
    statements = List.copyOf(statements);
  }

  @Override
  public PolicyDocument applyTo(PolicyDocument current) {
    return current.withOwnedStatements(sidPrefix, statements);
  }

  @Override
  public String describe() {
    return statements.isEmpty()
        ? "remove the library's statements " + sidPrefix + "*"
        : "set the library's statements to " + statements.stream().map(s -> s.sid().orElse("?")).toList();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.MAPPER.createObjectNode();
    node.put("edit", "replaceOwnedStatements");
    node.put("sidPrefix", sidPrefix);
    ArrayNode array = node.putArray("statements");
    statements.forEach(s -> array.add(ChangeJson.MAPPER.valueToTree(s.toJsonNode())));
    return node;
  }
}
