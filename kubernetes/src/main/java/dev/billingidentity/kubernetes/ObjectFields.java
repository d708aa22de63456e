package dev.billingidentity.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of an object listed untyped ({@link BuiltInResources}) by its path below the object, e.g.
 * {@code ("spec", "template", "spec", "containers")}, as {@code kubectl get -o jsonpath} would. A field that is absent
 * or of another JSON type than asked reads as absent: an API server never sends such an object, and a fake's
 * malformed one is then judged as if the field were missing, never failing the whole observation.
 */
final class ObjectFields {
  private ObjectFields() {}

  /** The string at {@code path} of {@code object}. */
  static Optional<String> string(GenericKubernetesResource object, Object... path) {
    return Optional.ofNullable(object.get(path)).filter(String.class::isInstance).map(String.class::cast);
  }

  /** The string at {@code path} of {@code map} (an element of one of the object's lists). */
  static Optional<String> string(Map<String, Object> map, Object... path) {
    return Optional.ofNullable(GenericKubernetesResource.get(map, path)).filter(String.class::isInstance)
        .map(String.class::cast);
  }

  /** The integer at {@code path}, or {@code absent}. */
  static long number(GenericKubernetesResource object, long absent, Object... path) {
    return object.get(path) instanceof Number n ? n.longValue() : absent;
  }

  /** The boolean at {@code path} of {@code map}, false when absent. */
  static boolean isTrue(Map<String, Object> map, Object... path) {
    return Boolean.TRUE.equals(GenericKubernetesResource.get(map, path));
  }

  /** The objects listed at {@code path} (a pod's containers, their env), empty when absent; other elements left out. */
  static List<Map<String, Object>> objects(GenericKubernetesResource object, Object... path) {
    return objects(object.get(path));
  }

  /** The list of objects at {@code path} of {@code map}. */
  static List<Map<String, Object>> objects(Map<String, Object> map, Object... path) {
    return objects(GenericKubernetesResource.get(map, path));
  }

  /** The map of strings at {@code path} (a selector's {@code matchLabels}), empty when absent. */
  static Map<String, String> strings(GenericKubernetesResource object, Object... path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (object.get(path) instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (k instanceof String key && v instanceof String value) {
          out.put(key, value);
        }
      });
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    // Jackson reads a JSON object as Map<String, Object>: the cast holds for every element that is a Map.
    return list.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
  }
}
