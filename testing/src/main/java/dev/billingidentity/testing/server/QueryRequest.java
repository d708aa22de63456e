package dev.billingidentity.testing.server;

import dev.billingidentity.spi.aws.InvalidParameterException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Query-protocol request (IAM, STS): a form-encoded POST of {@code Action}, {@code Version} and the parameters, lists
 * flattened as {@code Name.member.N} and tags as {@code Tags.member.N.Key}/{@code .Value}.
 */
final class QueryRequest {
  private final String service;
  private final Map<String, String> params;

  private QueryRequest(String service, Map<String, String> params) {
    this.service = service;
    this.params = params;
  }

  /** Parses a form body; {@code service} names the API in errors about the parameters. */
  static QueryRequest parse(String service, String body) {
    Map<String, String> params = new HashMap<>();
    if (body != null && !body.isEmpty()) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return new QueryRequest(service, params);
  }

  /** Reads the {@code Version} of a form body without parsing the rest: it tells IAM from STS. */
  static String version(String body) {
    return parse("", body).optional("Version");
  }

  String action() {
    return optional("Action");
  }

  /** A parameter, or null. */
  String optional(String name) {
    return params.get(name);
  }

  /** A parameter that must be there; a missing one is refused as AWS refuses it. */
  String required(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new InvalidParameterException(service, action(), "ValidationError", 400, "1 validation error detected: "
          + "Value null at '" + Character.toLowerCase(name.charAt(0)) + name.substring(1)
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** The list {@code name.member.1}, {@code name.member.2}, ... in order. */
  List<String> members(String name) {
    Map<Integer, String> byIndex = new TreeMap<>();
    String prefix = name + ".member.";
    params.forEach((k, v) -> {
      if (k.startsWith(prefix) && k.indexOf('.', prefix.length()) < 0) {
        byIndex.put(Integer.parseInt(k.substring(prefix.length())), v);
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  /** The tags {@code Tags.member.N.Key} and {@code .Value}. */
  Map<String, String> tags() {
    Map<Integer, String> keys = new TreeMap<>();
    Map<Integer, String> values = new HashMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith("Tags.member.") && (k.endsWith(".Key") || k.endsWith(".Value"))) {
        String[] parts = k.split("\\.");
        int index = Integer.parseInt(parts[2]);
        (k.endsWith(".Key") ? keys : values).put(index, v);
      }
    });
    Map<String, String> tags = new LinkedHashMap<>();
    keys.forEach((i, key) -> tags.put(key, values.getOrDefault(i, "")));
    return tags;
  }
}
