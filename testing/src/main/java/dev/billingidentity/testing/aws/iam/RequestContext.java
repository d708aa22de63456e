package dev.billingidentity.testing.aws.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request context of one request, as IAM evaluates a {@code Condition} against it: context keys and their values.
 * Key names are case-insensitive ({@code aws:SourceAccount} is {@code AWS:sourceaccount}); values keep their case.
 * A key with one value is single-valued, with several multivalued (e.g. {@code aws:TagKeys}, or a token's {@code amr});
 * a key with no value is the empty set, which IAM treats like a missing key for set operators.
 *
 * <pre>{@code
 * RequestContext.builder()
 *     .put("oidc.eks.us-east-1.amazonaws.com/id/ABC:sub", "system:serviceaccount:mxp-1-system:vector")
 *     .put("aws:TagKeys", "kubernetes-namespace", "kubernetes-service-account")
 *     .build();
 * }</pre>
 */
public final class RequestContext {
  private static final RequestContext EMPTY = new RequestContext(Map.of(), Map.of());
  private final Map<String, List<String>> values;
  private final Map<String, String> names;

  private RequestContext(Map<String, List<String>> values, Map<String, String> names) {
    this.values = values;
    this.names = names;
  }

  /** A context with no key. */
  public static RequestContext empty() {
    return EMPTY;
  }

  /** A builder of a context. */
  public static Builder builder() {
    return new Builder();
  }

  /** The values of {@code key} (case-insensitive), or empty when the request has no such key. */
  public Optional<List<String>> values(String key) {
    return Optional.ofNullable(values.get(fold(key)));
  }

  /** The keys as they were given, e.g. to name them in a message. */
  public List<String> keys() {
    return List.copyOf(names.values());
  }

  /** This context with {@code key} set to {@code values} (replacing any earlier values of the key). */
  public RequestContext with(String key, List<String> more) {
    return toBuilder().put(key, more).build();
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    names.forEach((folded, name) -> b.put(name, values.get(folded)));
    return b;
  }

  private static String fold(String key) {
    return key.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestContext other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Keys and values, e.g. {@code {aws:SourceAccount=[123456789012]}}: a context holds no secret. */
  @Override
  public String toString() {
    Map<String, List<String>> shown = new LinkedHashMap<>();
    names.forEach((folded, name) -> shown.put(name, values.get(folded)));
    return shown.toString();
  }

  /** Builds a {@link RequestContext}. */
  public static final class Builder {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    private Builder() {}

    /** Sets {@code key} to the given values (none: the empty set). */
    public Builder put(String key, String... keyValues) {
      return put(key, List.of(keyValues));
    }

    /** Sets {@code key} to the given values, in order. */
    public Builder put(String key, List<String> keyValues) {
      Objects.requireNonNull(key, "key");
      List<String> copy = new ArrayList<>();
      keyValues.forEach(v -> copy.add(Objects.requireNonNull(v, "a value of " + key)));
      values.put(fold(key), List.copyOf(copy));
      names.put(fold(key), key);
      return this;
    }

    /** The context. */
    public RequestContext build() {
      return new RequestContext(Map.copyOf(values), new LinkedHashMap<>(names));
    }
  }
}
