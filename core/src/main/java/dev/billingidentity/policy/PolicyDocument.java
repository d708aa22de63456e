package dev.billingidentity.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An IAM policy document (permission or trust policy), immutable. It is read losslessly: every element of every
 * statement, including ones this library does not know, is kept and written back as it was, so that rewriting a
 * trust policy shared with other workloads changes only the statements the library owns.
 *
 * <p>Reading is strict where guessing would be dangerous: invalid JSON, duplicate keys and a missing or misshapen
 * {@code Statement} fail with {@link MalformedPolicyException}. {@link #grammarProblems()} lists elements IAM does
 * not know, for callers that must refuse to rewrite such a document.
 */
public final class PolicyDocument {
  /** The only policy language version the library writes. */
  public static final String VERSION_2012_10_17 = "2012-10-17";

  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_ELEMENTS = Set.of(
      "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");

  private final ObjectNode root;
  private final List<Statement> statements;

  private PolicyDocument(ObjectNode root) {
    this.root = root;
    List<Statement> list = new ArrayList<>();
    JsonNode s = root.get("Statement");
    if (s.isObject()) {
      list.add(Statement.fromJson((ObjectNode) s));
    } else {
      s.forEach(n -> list.add(Statement.fromJson((ObjectNode) n)));
    }
    this.statements = List.copyOf(list);
  }

  /**
   * Reads a policy document from its JSON text (already URL-decoded).
   *
   * @throws MalformedPolicyException if the text is not JSON, has duplicate keys, or has no well-formed
   *     {@code Statement} (an object or an array of objects)
   */
  public static PolicyDocument parse(String json) {
    if (json == null || json.isBlank()) {
      throw new MalformedPolicyException("the document is empty");
    }
    JsonNode tree = PolicyJson.read(json);
    if (!tree.isObject()) {
      throw new MalformedPolicyException("the document is not a JSON object");
    }
    JsonNode statement = tree.get("Statement");
    if (statement == null) {
      throw new MalformedPolicyException("the document has no Statement");
    }
    boolean wellFormed = statement.isObject()
        || (statement.isArray() && iterable(statement).stream().allMatch(JsonNode::isObject));
    if (!wellFormed) {
      throw new MalformedPolicyException("Statement must be an object or an array of objects");
    }
    return new PolicyDocument((ObjectNode) tree);
  }

  /** A new document, version {@code 2012-10-17}, with the given statements. */
  public static PolicyDocument of(List<Statement> statements) {
    ObjectNode root = PolicyJson.MAPPER.createObjectNode();
    root.put("Version", VERSION_2012_10_17);
    ArrayNode array = root.putArray("Statement");
    statements.forEach(s -> array.add(s.node().deepCopy()));
    return new PolicyDocument(root);
  }

  /** A new document with the given statements. */
  public static PolicyDocument of(Statement... statements) {
    return of(List.of(statements));
  }

  /** {@return the {@code Version} element, if present} */
  public Optional<String> version() {
    JsonNode v = root.get("Version");
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  /** {@return the statements in document order} */
  public List<Statement> statements() {
    return statements;
  }

  /** {@return the statements whose {@code Sid} starts with {@code prefix}} */
  public List<Statement> statementsWithSidPrefix(String prefix) {
    return statements.stream().filter(s -> s.hasSidPrefix(prefix)).toList();
  }

  /**
   * This document with every statement whose {@code Sid} starts with {@code prefix} replaced by {@code owned}.
   * Other statements and top-level elements are kept exactly, in their order; the new owned statements take the
   * place of the first old one, or go last when there was none. An empty {@code owned} removes them.
   */
  public PolicyDocument withOwnedStatements(String prefix, List<Statement> owned) {
    Predicate<Statement> isOwned = s -> s.hasSidPrefix(prefix);
    List<Statement> result = new ArrayList<>();
    boolean placed = false;
    for (Statement s : statements) {
      if (isOwned.test(s)) {
        if (!placed) {
          result.addAll(owned);
          placed = true;
        }
      } else {
        result.add(s);
      }
    }
    if (!placed) {
      result.addAll(owned);
    }
    // Unchanged statements keep the document as it is (even a single-object Statement), so nothing is rewritten.
    return result.equals(statements) ? this : withStatements(result);
  }

  /** This document with its statements replaced; top-level elements ({@code Version}, {@code Id}, ...) kept. */
  public PolicyDocument withStatements(List<Statement> newStatements) {
    ObjectNode copy = root.deepCopy();
    ArrayNode array = PolicyJson.MAPPER.createArrayNode();
    newStatements.forEach(s -> array.add(s.node().deepCopy()));
    copy.set("Statement", array);
    return new PolicyDocument(copy);
  }

  /** {@return the minified JSON: what the library sends to IAM, and whose length IAM counts} */
  public String toJson() {
    return PolicyJson.write(root);
  }

  /** Indented JSON, for people. */
  public String toPrettyJson() {
    return PolicyJson.writePretty(root);
  }

  /** {@return a copy of the document's JSON tree} */
  public ObjectNode toJsonNode() {
    return root.deepCopy();
  }

  /**
   * The length IAM counts against the policy size quotas: the characters of the minified document (IAM does not
   * count white space outside strings).
   */
  public int size() {
    return toJson().length();
  }

  /**
   * Whether both documents grant the same access: statement order, the order of actions, resources, principals and
   * condition values, a single string versus a one-element array, and {@code Sid}s do not matter; everything else
   * does.
   */
  public boolean isEquivalentTo(PolicyDocument other) {
    return Canonical.of(this).equals(Canonical.of(other));
  }

  /**
   * Elements IAM's policy grammar does not know (at the top level or in a statement), and statements without an
   * {@code Effect} of {@code Allow} or {@code Deny}. Empty for every policy IAM accepted.
   */
  public List<String> grammarProblems() {
    List<String> problems = new ArrayList<>();
    root.fieldNames().forEachRemaining(name -> {
      if (!TOP_LEVEL.contains(name)) {
        problems.add("unknown top-level element '" + name + "'");
      }
    });
    for (int i = 0; i < statements.size(); i++) {
      ObjectNode s = statements.get(i).node();
      String where = "statement " + (i + 1) + statements.get(i).sid().map(sid -> " (Sid " + sid + ")").orElse("");
      for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!STATEMENT_ELEMENTS.contains(name)) {
          problems.add(where + ": unknown element '" + name + "'");
        }
      }
      String effect = s.path("Effect").asText("");
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        problems.add(where + ": Effect must be Allow or Deny");
      }
    }
    return problems;
  }

  /** Structural equality of the JSON trees (element order inside objects does not matter, array order does). */
  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDocument other && root.equals(other.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  /** The minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  /** The canonical form used by {@link #isEquivalentTo}. */
  private static final class Canonical {
    static Object of(PolicyDocument doc) {
      List<String> statements = new ArrayList<>();
      for (Statement s : doc.statements) {
        ObjectNode copy = s.node().deepCopy();
        copy.remove("Sid");
        statements.add(PolicyJson.write(canonical(copy, 0)));
      }
      statements.sort(null);
      return List.of(doc.version().orElse(""), statements);
    }

    /** Depth 0 is the statement; below it, arrays of scalars become sorted arrays and single strings arrays. */
    private static JsonNode canonical(JsonNode node, int depth) {
      if (node.isObject()) {
        ObjectNode sorted = PolicyJson.MAPPER.createObjectNode();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        fields.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, JsonNode> f : fields) {
          boolean keepScalar = depth == 0 && f.getKey().equals("Effect");
          sorted.set(f.getKey(), keepScalar ? f.getValue() : canonical(f.getValue(), depth + 1));
        }
        return sorted;
      }
      ArrayNode values = PolicyJson.MAPPER.createArrayNode();
      List<String> texts = new ArrayList<>();
      if (node.isArray()) {
        for (JsonNode v : node) {
          if (v.isContainerNode()) {
            values.add(canonical(v, depth + 1));
          } else {
            texts.add(v.asText());
          }
        }
      } else {
        texts.add(node.asText());
      }
      if (values.isEmpty()) {
        texts.stream().sorted().distinct().forEach(values::add);
        return values;
      }
      texts.stream().sorted().forEach(values::add);
      return values;
    }
  }
}
