package dev.billingidentity.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helpers for the JSON form of changes and plans: one mapper, one shape ({@code {"change": kind, ...}}). */
public final class ChangeJson {
  private ChangeJson() {}

  /** The mapper of plans and results. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** {@return a new JSON object whose first field is {@code "change": kind}} */
  public static ObjectNode of(Change change) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("change", change.kind());
    node.put("description", change.describe());
    return node;
  }
}
