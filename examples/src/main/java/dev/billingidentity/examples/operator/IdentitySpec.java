package dev.billingidentity.examples.operator;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.SettingsBuilder;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
import dev.billingidentity.validation.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code BillingIdentity}'s spec as the library's settings: every value checked together (the library's builder
 * does the checking), each problem naming the spec's field ({@code spec.roleName}), the value and the rule. The
 * CRD's schema already refuses most bad values on a real API server; this is what a server without it (the
 * sandbox, a CRD applied by hand) still gets.
 *
 * @param mode {@code irsa} or {@code pod-identity}
 * @param settings the mode's settings
 * @param controlPlanes the selection: every control plane, or those of some groups
 * @param deletionPolicy what deleting the resource does to AWS
 */
public record IdentitySpec(String mode, IdentitySettings settings, ControlPlanes controlPlanes,
    DeletionPolicy deletionPolicy) {

  private static final Set<String> FIELDS = Set.of("mode", "cluster", "roleName", "rolePath", "bucket", "region",
      "accountId", "oidcIssuer", "controlPlanes", "trustPolicyQuota", "allowHostNamespacePattern",
      "trustUnlabelledHostNamespaces", "adoptExistingRole", "prune", "installAgentAddon", "permissionsBoundary",
      "repairPermissionsBoundary", "roleTags", "maxSessionDurationSeconds", "roleDescription", "deletionPolicy");

  /** The library's names of the values, and the spec's fields that give them, for problems. */
  private static final Map<String, String> FIELD_OF = Map.ofEntries(
      Map.entry("cluster", "spec.cluster"), Map.entry("role.name", "spec.roleName"),
      Map.entry("role.path", "spec.rolePath"), Map.entry("storage.bucket", "spec.bucket"),
      Map.entry("storage.region", "spec.region"), Map.entry("account.id", "spec.accountId"),
      Map.entry("oidcIssuer", "spec.oidcIssuer"), Map.entry("trustPolicyQuota", "spec.trustPolicyQuota"),
      Map.entry("controlPlanes.group", "spec.controlPlanes.groups"),
      Map.entry("role.permissionsBoundary", "spec.permissionsBoundary"), Map.entry("role.tags", "spec.roleTags"),
      Map.entry("role.maxSessionDurationSeconds", "spec.maxSessionDurationSeconds"),
      Map.entry("role.description", "spec.roleDescription"));

  public IdentitySpec {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(controlPlanes, "controlPlanes");
    Objects.requireNonNull(deletionPolicy, "deletionPolicy");
  }

  /**
   * Reads a spec.
   *
   * @param spec the resource's {@code spec}, as the API server holds it (null when absent)
   * @throws InvalidInputException with every problem of every field at once
   */
  public static IdentitySpec parse(Map<?, ?> spec) {
    Problems p = new Problems();
    if (spec == null) {
      p.require(false, "spec", null, "a BillingIdentity needs a spec: mode, cluster, roleName, bucket and region");
      p.throwIfAny();
    }
    Values v = new Values(spec, p);
    for (Object key : spec.keySet()) {
      p.require(FIELDS.contains(String.valueOf(key)), "spec." + key, null, "not a field of BillingIdentity's spec "
          + "(a typo? the fields are " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
    }
    String mode = v.string("mode");
    p.require(mode != null, "spec.mode", null, "required: irsa or pod-identity");
    p.require(mode == null || mode.equals("irsa") || mode.equals("pod-identity"), "spec.mode", mode,
        "irsa or pod-identity");
    DeletionPolicy policy = deletionPolicy(v.string("deletionPolicy"), p);
    ControlPlanes controlPlanes = controlPlanes(spec.get("controlPlanes"), p);

    Problems found = new Problems();
    Map<String, String> tags = v.stringMap("roleTags");
    Integer quota = v.integer("trustPolicyQuota");
    IdentitySettings settings = null;
    if ("pod-identity".equals(mode)) {
      settings = found.attempt(() -> common(PodIdentitySettings.builder(), v, quota, tags)
          .installAgentAddon(v.bool("installAgentAddon", false)).build());
      p.require(v.string("oidcIssuer") == null, "spec.oidcIssuer", v.string("oidcIssuer"), "IRSA only");
      p.require(!v.bool("allowHostNamespacePattern", false), "spec.allowHostNamespacePattern", true, "IRSA only");
    } else if ("irsa".equals(mode)) {
      settings = found.attempt(() -> common(IrsaSettings.builder(), v, quota, tags)
          .oidcIssuerUrl(v.string("oidcIssuer"))
          .allowHostNamespacePattern(v.bool("allowHostNamespacePattern", false)).build());
      p.require(!v.bool("installAgentAddon", false), "spec.installAgentAddon", true, "Pod Identity only");
    }
    found.asList().forEach(problem -> p.add(new Problem(FIELD_OF.getOrDefault(problem.field(), problem.field()),
        problem.value(), problem.rule())));
    p.throwIfAny();
    return new IdentitySpec(mode, settings, controlPlanes, policy);
  }

  private static <B extends SettingsBuilder<B>> B common(B builder, Values v, Integer quota,
      Map<String, String> tags) {
    String rolePath = v.string("rolePath");
    builder.cluster(v.string("cluster")).roleName(v.string("roleName")).bucket(v.string("bucket"))
        .region(v.string("region")).accountId(v.string("accountId"))
        .trustPolicyQuota(quota == null ? IdentitySettings.DEFAULT_TRUST_POLICY_QUOTA : quota)
        .adoptExistingRole(v.bool("adoptExistingRole", false)).prune(v.bool("prune", true))
        .trustUnlabelledHostNamespaces(v.bool("trustUnlabelledHostNamespaces", false))
        .permissionsBoundary(v.string("permissionsBoundary")).roleTags(tags)
        .maxSessionDurationSeconds(v.integer("maxSessionDurationSeconds"))
        .roleDescription(v.string("roleDescription"))
        .repairPermissionsBoundary(v.bool("repairPermissionsBoundary", false));
    if (rolePath != null) {
      builder.rolePath(rolePath);
    }
    return builder;
  }

  private static DeletionPolicy deletionPolicy(String value, Problems p) {
    if (value == null) {
      return DeletionPolicy.RETAIN;
    }
    for (DeletionPolicy d : DeletionPolicy.values()) {
      if (d.value().equals(value)) {
        return d;
      }
    }
    p.require(false, "spec.deletionPolicy", value, "Delete or Retain");
    return DeletionPolicy.RETAIN;
  }

  private static ControlPlanes controlPlanes(Object value, Problems p) {
    if (value == null) {
      return ControlPlanes.discovered();
    }
    if (!(value instanceof Map<?, ?> selection)) {
      p.require(false, "spec.controlPlanes", value, "an object: {all: true} or {groups: [...]}");
      return ControlPlanes.discovered();
    }
    Values v = new Values(selection, p, "spec.controlPlanes.");
    for (Object key : selection.keySet()) {
      p.require(key.equals("all") || key.equals("groups"), "spec.controlPlanes." + key, null,
          "not a field of the selection (all, groups)");
    }
    List<String> groups = v.stringList("groups");
    boolean all = v.bool("all", groups.isEmpty());
    p.require(!(all && !groups.isEmpty()), "spec.controlPlanes", value, "all or groups, not both");
    p.require(all || !groups.isEmpty(), "spec.controlPlanes.groups", null,
        "at least one group, or all: true for every control plane");
    if (groups.isEmpty()) {
      return ControlPlanes.discovered();
    }
    Problems found = new Problems();
    ControlPlanes chosen = found.attempt(() -> ControlPlanes.discoveredInGroups(groups.toArray(String[]::new)));
    found.asList().forEach(problem -> p.add(new Problem(FIELD_OF.getOrDefault(problem.field(), problem.field()),
        problem.value(), problem.rule())));
    return chosen == null ? ControlPlanes.discovered() : chosen;
  }

  /** The spec's values by type; a value of the wrong type is a problem and reads as absent. */
  private static final class Values {
    private final Map<?, ?> map;
    private final Problems p;
    private final String prefix;

    Values(Map<?, ?> map, Problems p) {
      this(map, p, "spec.");
    }

    Values(Map<?, ?> map, Problems p, String prefix) {
      this.map = map;
      this.p = p;
      this.prefix = prefix;
    }

    String string(String key) {
      Object v = map.get(key);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      p.require(false, prefix + key, v, "a string");
      return null;
    }

    boolean bool(String key, boolean absent) {
      Object v = map.get(key);
      if (v == null) {
        return absent;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      p.require(false, prefix + key, v, "true or false");
      return absent;
    }

    Integer integer(String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
        return n.intValue();
      }
      p.require(false, prefix + key, v, "a whole number");
      return null;
    }

    List<String> stringList(String key) {
      Object v = map.get(key);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (!(v instanceof List<?> list)) {
        p.require(false, prefix + key, v, "a list of strings");
        return out;
      }
      for (Object item : list) {
        if (p.require(item instanceof String, prefix + key, item, "a list of strings")) {
          out.add((String) item);
        }
      }
      return out;
    }

    Map<String, String> stringMap(String key) {
      Object v = map.get(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (v == null) {
        return out;
      }
      if (!(v instanceof Map<?, ?> m)) {
        p.require(false, prefix + key, v, "an object of strings, e.g. {cost-center: \"42\"}");
        return out;
      }
      m.forEach((k, val) -> {
        if (p.require(val instanceof String, prefix + key + "." + k, val, "a string")) {
          out.put(String.valueOf(k), (String) val);
        }
      });
      return out;
    }
  }
}
