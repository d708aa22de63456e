package dev.billingidentity.testing.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The evaluation both kinds of policy share (policy evaluation logic): a statement applies when its action, its
 * principal or resource, and its condition match; then an explicit {@code Deny} wins, an {@code Allow} allows, and
 * nothing is an implicit deny.
 */
final class StatementMatch {
  private StatementMatch() {}

  /** The decision of {@code documents} together, where {@code applies} says whether a statement's target matches. */
  static Decision decide(List<PolicyDocument> documents, String action, RequestContext context,
      Predicate<Statement> applies) {
    List<String> notes = new ArrayList<>();
    String allowedBy = null;
    for (PolicyDocument document : documents) {
      int index = 0;
      for (Statement s : document.statements()) {
        index++;
        String effect = s.element("Effect").map(JsonNode::asText).orElse("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
          notes.add("statement #" + index + " has Effect " + effect + ", which is neither Allow nor Deny");
          continue;
        }
        if (!actionMatches(s, action) || !applies.test(s)
            || !Conditions.holds(s.element("Condition").orElse(null), context, notes)) {
          continue;
        }
        String name = s.sid().filter(sid -> !sid.isEmpty()).orElse("#" + index);
        if (effect.equals("Deny")) {
          return new Decision(Decision.Outcome.EXPLICIT_DENY, name, notes);
        }
        if (allowedBy == null) {
          allowedBy = name;
        }
      }
    }
    return allowedBy == null
        ? new Decision(Decision.Outcome.IMPLICIT_DENY, "", notes)
        : new Decision(Decision.Outcome.ALLOWED, allowedBy, notes);
  }

  /** {@code Action} lists the action, or {@code NotAction} does not; both are case-insensitive, with wildcards. */
  static boolean actionMatches(Statement s, String action) {
    if (s.element("Action").isPresent()) {
      return anyMatches(s.element("Action").get(), action, true);
    }
    return s.element("NotAction").map(n -> !anyMatches(n, action, true)).orElse(false);
  }

  /** Whether any of a string-or-array element's patterns matches {@code value}. */
  static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
    for (String p : Conditions.texts(patterns)) {
      if (Wildcards.matches(p, value, ignoreCase)) {
        return true;
      }
    }
    return false;
  }
}
