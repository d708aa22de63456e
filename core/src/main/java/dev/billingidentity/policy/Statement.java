package dev.billingidentity.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One statement of an IAM policy. A statement read from an existing policy keeps its JSON exactly as read (every
 * element, unknown keys, non-string condition values, value order), so that a statement the library does not own
 * is written back unchanged. Statements the library writes are made with {@link #builder()}.
 */
public final class Statement {
  private final ObjectNode node;

  private Statement(ObjectNode node) {
    this.node = node;
  }

  /** A statement holding a copy of {@code node}. */
  public static Statement fromJson(ObjectNode node) {
    return new Statement(node.deepCopy());
  }

  /** {@return a new statement, built element by element in the order IAM's documentation writes them} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the {@code Sid}, if the statement has one} */
  public Optional<String> sid() {
    JsonNode sid = node.get("Sid");
    return sid != null && sid.isTextual() ? Optional.of(sid.textValue()) : Optional.empty();
  }

  /** {@return whether this statement's {@code Sid} starts with {@code prefix}: how the library recognises its own} */
  public boolean hasSidPrefix(String prefix) {
    return sid().map(s -> s.startsWith(prefix)).orElse(false);
  }

  /** {@return an element of the statement ({@code Effect}, {@code Principal}, {@code Condition}, ...), if present} */
  public Optional<JsonNode> element(String name) {
    return Optional.ofNullable(node.get(name)).map(JsonNode::deepCopy);
  }

  /**
   * The values of condition key {@code key} under operator {@code operator} (a string or an array of strings in
   * the JSON), in document order; empty when absent.
   */
  public List<String> conditionValues(String operator, String key) {
    JsonNode values = node.path("Condition").path(operator).get(key);
    return textValues(values);
  }

  /** {@return a copy of the statement's JSON} */
  public ObjectNode toJsonNode() {
    return node.deepCopy();
  }

  ObjectNode node() {
    return node;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Statement other && node.equals(other.node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return PolicyJson.write(node);
  }

  static List<String> textValues(JsonNode values) {
    List<String> out = new ArrayList<>();
    if (values == null || values.isMissingNode() || values.isNull()) {
      return out;
    }
    if (values.isArray()) {
      values.forEach(v -> out.add(v.asText()));
    } else {
      out.add(values.asText());
    }
    return out;
  }

  /** Builds a statement; a single value is written as a string and several as an array, as IAM itself does. */
  public static final class Builder {
    private final ObjectNode node = PolicyJson.MAPPER.createObjectNode();

    private Builder() {}

    /** Sets the statement id. */
    public Builder sid(String sid) {
      node.put("Sid", sid);
      return this;
    }

    /** Makes it an {@code Allow} statement. */
    public Builder allow() {
      node.put("Effect", "Allow");
      return this;
    }

    /** {@code Principal: {type: values}}, e.g. {@code Federated}, {@code Service} or {@code AWS}. */
    public Builder principal(String type, String... values) {
      node.putObject("Principal").set(type, stringOrArray(List.of(values)));
      return this;
    }

    /** Sets the actions. */
    public Builder action(String... actions) {
      node.set("Action", stringOrArray(List.of(actions)));
      return this;
    }

    /** Sets the resources. */
    public Builder resource(String... resources) {
      node.set("Resource", stringOrArray(List.of(resources)));
      return this;
    }

    /** Adds {@code Condition: {operator: {key: values}}}; values in the order given. */
    public Builder condition(String operator, String key, Collection<String> values) {
      ObjectNode conditions = node.has("Condition") ? (ObjectNode) node.get("Condition") : node.putObject("Condition");
      ObjectNode op = conditions.has(operator) ? (ObjectNode) conditions.get(operator) : conditions.putObject(operator);
      op.set(key, stringOrArray(values));
      return this;
    }

    /** Adds a condition: {@code operator} on {@code key} with {@code value}. */
    public Builder condition(String operator, String key, String value) {
      return condition(operator, key, List.of(value));
    }

    /** {@return the statement} */
    public Statement build() {
      if (!node.has("Effect")) {
        throw new IllegalStateException("a statement needs an Effect");
      }
      return new Statement(node.deepCopy());
    }

    private static JsonNode stringOrArray(Collection<String> values) {
      if (values.size() == 1) {
        return PolicyJson.MAPPER.getNodeFactory().textNode(values.iterator().next());
      }
      ArrayNode array = PolicyJson.MAPPER.createArrayNode();
      values.forEach(array::add);
      return array;
    }
  }
}
