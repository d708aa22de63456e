package dev.billingidentity.testing.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The {@code Condition} element of a statement, evaluated against a {@link RequestContext} as IAM's documentation says
 * (IAM JSON policy elements: Condition operators; Creating a condition with multiple keys or values; Single-valued vs.
 * multivalued context keys):
 *
 * <ul>
 *   <li>several operators in one block, and several keys under one operator, must all match (AND); several values of
 *       one key match when any does (OR);</li>
 *   <li>a key the request does not have fails every operator, except negated ones ({@code StringNotEquals},
 *       {@code StringNotLike}, {@code ArnNotLike}, ...), which match, and {@code ...IfExists} and {@code Null}, which
 *       test for the key;</li>
 *   <li>{@code ForAnyValue:} matches when at least one of the request's values matches (never for a missing or empty
 *       key); {@code ForAllValues:} when every one does (always for a missing or empty key);</li>
 *   <li>key names are case-insensitive; values are compared case-sensitively except by the {@code ...IgnoreCase}
 *       operators; {@code *} and {@code ?} are wildcards for the {@code ...Like} and {@code Arn...} operators only.</li>
 * </ul>
 *
 * <p>A multivalued key under an operator without a set operator (which the documentation says not to write, and does
 * not define) matches here when any of its values matches, and its negation when none does. Operators IAM does not
 * have, and the ones this fake does not model ({@code IpAddress}, {@code Binary...}), match nothing and are reported
 * in the notes; so are policy variables ({@code ${...}}), which are compared as written.
 */
public final class Conditions {
  private Conditions() {}

  /** One base operator: how a policy value matches a request value, and whether the operator negates that. */
  private record Operator(boolean negated, BiPredicate<String, String> match) {}

  private static final Map<String, Operator> OPERATORS = Map.ofEntries(
      Map.entry("StringEquals", new Operator(false, String::equals)),
      Map.entry("StringNotEquals", new Operator(true, String::equals)),
      Map.entry("StringEqualsIgnoreCase", new Operator(false, String::equalsIgnoreCase)),
      Map.entry("StringNotEqualsIgnoreCase", new Operator(true, String::equalsIgnoreCase)),
      Map.entry("StringLike", new Operator(false, (p, v) -> Wildcards.matches(p, v, false))),
      Map.entry("StringNotLike", new Operator(true, (p, v) -> Wildcards.matches(p, v, false))),
      Map.entry("ArnEquals", new Operator(false, Conditions::arnLike)),
      Map.entry("ArnLike", new Operator(false, Conditions::arnLike)),
      Map.entry("ArnNotEquals", new Operator(true, Conditions::arnLike)),
      Map.entry("ArnNotLike", new Operator(true, Conditions::arnLike)),
      Map.entry("Bool", new Operator(false, String::equalsIgnoreCase)),
      Map.entry("NumericEquals", new Operator(false, (p, v) -> compareNumbers(p, v) == 0)),
      Map.entry("NumericNotEquals", new Operator(true, (p, v) -> compareNumbers(p, v) == 0)),
      Map.entry("NumericLessThan", new Operator(false, (p, v) -> compareNumbers(v, p) < 0)),
      Map.entry("NumericLessThanEquals", new Operator(false, (p, v) -> compareNumbers(v, p) <= 0)),
      Map.entry("NumericGreaterThan", new Operator(false, (p, v) -> compareNumbers(v, p) > 0)),
      Map.entry("NumericGreaterThanEquals", new Operator(false, (p, v) -> compareNumbers(v, p) >= 0)),
      Map.entry("DateEquals", new Operator(false, (p, v) -> compareDates(p, v) == 0)),
      Map.entry("DateNotEquals", new Operator(true, (p, v) -> compareDates(p, v) == 0)),
      Map.entry("DateLessThan", new Operator(false, (p, v) -> compareDates(v, p) < 0)),
      Map.entry("DateLessThanEquals", new Operator(false, (p, v) -> compareDates(v, p) <= 0)),
      Map.entry("DateGreaterThan", new Operator(false, (p, v) -> compareDates(v, p) > 0)),
      Map.entry("DateGreaterThanEquals", new Operator(false, (p, v) -> compareDates(v, p) >= 0)));

  private static final String FOR_ANY = "ForAnyValue:";
  private static final String FOR_ALL = "ForAllValues:";
  private static final String IF_EXISTS = "IfExists";

  /**
   * Whether a statement's {@code Condition} element holds for {@code context}; a statement without one
   * ({@code condition} missing or null) always holds.
   *
   * @param notes collects what the evaluation could not model (unknown operators, policy variables)
   */
  public static boolean holds(JsonNode condition, RequestContext context, List<String> notes) {
    if (condition == null || condition.isMissingNode() || condition.isNull()) {
      return true;
    }
    if (!condition.isObject()) {
      notes.add("Condition is not an object: " + condition);
      return false;
    }
    for (Map.Entry<String, JsonNode> operator : condition.properties()) {
      if (!operator.getValue().isObject()) {
        notes.add("operator " + operator.getKey() + " does not hold an object of keys");
        return false;
      }
      for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
        if (!holds(operator.getKey(), key.getKey(), texts(key.getValue()), context, notes)) {
          return false;
        }
      }
    }
    return true;
  }

  /** One operator on one key with its policy values (OR). */
  static boolean holds(String operatorName, String key, List<String> policyValues, RequestContext context,
      List<String> notes) {
    String name = operatorName;
    String set = null;
    if (name.startsWith(FOR_ANY) || name.startsWith(FOR_ALL)) {
      set = name.substring(0, name.indexOf(':') + 1);
      name = name.substring(set.length());
    }
    policyValues.stream().filter(v -> v.contains("${")).findFirst()
        .ifPresent(v -> notes.add("policy variable in " + key + " compared as written: " + v));
    Optional<List<String>> found = context.values(key);
    boolean present = found.isPresent() && !found.get().isEmpty();
    if (name.equals("Null")) {
      // Null tests for the key itself: "true" holds when the key is absent, "false" when it is there.
      return policyValues.stream().anyMatch(v -> v.equalsIgnoreCase("true") ? !present : present);
    }
    boolean ifExists = name.endsWith(IF_EXISTS);
    if (ifExists) {
      name = name.substring(0, name.length() - IF_EXISTS.length());
    }
    Operator operator = OPERATORS.get(name);
    if (operator == null) {
      notes.add("condition operator " + operatorName + " is not modelled: it matches nothing");
      return false;
    }
    if (!present) {
      if (ifExists) {
        return true;
      }
      if (set != null) {
        return set.equals(FOR_ALL);
      }
      return operator.negated();
    }
    List<String> requestValues = found.get();
    if (set == null) {
      boolean anyMatches = requestValues.stream().anyMatch(v -> matchesAny(operator, policyValues, v, notes));
      return operator.negated() != anyMatches;
    }
    if (set.equals(FOR_ANY)) {
      return requestValues.stream().anyMatch(v -> operator.negated() != matchesAny(operator, policyValues, v, notes));
    }
    return requestValues.stream().allMatch(v -> operator.negated() != matchesAny(operator, policyValues, v, notes));
  }

  private static boolean matchesAny(Operator operator, List<String> policyValues, String requestValue,
      List<String> notes) {
    for (String p : policyValues) {
      try {
        if (operator.match().test(p, requestValue)) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        notes.add(e.getMessage());
      }
    }
    return false;
  }

  /** An ARN pattern against an ARN: each of the six colon-separated parts on its own, wildcards within each. */
  private static boolean arnLike(String pattern, String arn) {
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!Wildcards.matches(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }

  private static int compareNumbers(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number in a Numeric condition: " + a + " or " + b);
    }
  }

  private static int compareDates(String a, String b) {
    return date(a).compareTo(date(b));
  }

  /** IAM's dates: ISO 8601 ({@code 2026-01-01T00:00:00Z}) or seconds since the epoch. */
  private static Instant date(String text) {
    try {
      return text.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(text)) : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      try {
        return Instant.parse(text + (text.length() == 10 ? "T00:00:00Z" : ""));
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException("not a date in a Date condition: " + text);
      }
    }
  }

  /** A condition's values: one string (or number, or boolean) or an array of them, as text. */
  static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
