package dev.billingidentity.examples.operator;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.SettingsBuilder;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.Problem;
import dev.billingidentity.validation.Problems;
import java.util.Arrays;
import java.util.Map;

/**
 * The operator's configuration, from environment variables: {@code BILLING_MODE} (irsa | pod-identity),
 * {@code BILLING_CLUSTER}, {@code BILLING_ROLE_NAME}, {@code BILLING_BUCKET}, {@code BILLING_REGION}, optional
 * {@code BILLING_GROUPS} (comma-separated; default all groups) and {@code POD_NAMESPACE} (where the Lease lives).
 * Every problem is reported at once, before the operator connects to anything.
 *
 * @param settings the mode's settings
 * @param controlPlanes which control planes to manage
 * @param leaseNamespace the namespace of the leader-election Lease
 */
record OperatorConfig(IdentitySettings settings, ControlPlanes controlPlanes, String leaseNamespace) {

  /** The variables' names, for the problems the settings' builder reports under the library's names. */
  private static final Map<String, String> VARIABLE_OF_FIELD = Map.of("cluster", "BILLING_CLUSTER",
      "role.name", "BILLING_ROLE_NAME", "storage.bucket", "BILLING_BUCKET", "storage.region", "BILLING_REGION",
      "controlPlanes.group", "BILLING_GROUPS");

  static OperatorConfig fromEnvironment(Map<String, String> env) {
    Problems found = new Problems();
    String mode = env.getOrDefault("BILLING_MODE", "irsa");
    found.require(mode.equals("irsa") || mode.equals("pod-identity"), "BILLING_MODE", mode, "irsa or pod-identity");
    String groups = env.getOrDefault("BILLING_GROUPS", "");
    ControlPlanes controlPlanes = groups.isBlank() ? ControlPlanes.discovered()
        : found.attempt(() -> ControlPlanes.discoveredInGroups(Arrays.stream(groups.split(",")).map(String::trim)
            .toArray(String[]::new)));
    // The raw values go to the settings' builder, which checks them all together (a missing one included).
    IdentitySettings settings = found.attempt(() -> mode.equals("pod-identity")
        ? common(PodIdentitySettings.builder(), env).build()
        : common(IrsaSettings.builder(), env).build());
    Problems p = new Problems();
    found.asList().forEach(problem -> p.add(new Problem(VARIABLE_OF_FIELD.getOrDefault(problem.field(),
        problem.field()), problem.value(), problem.rule())));
    p.throwIfAny();
    return new OperatorConfig(settings, controlPlanes, env.getOrDefault("POD_NAMESPACE", "billing-identity"));
  }

  private static <B extends SettingsBuilder<B>> B common(B builder, Map<String, String> env) {
    return builder.cluster(env.get("BILLING_CLUSTER")).roleName(env.get("BILLING_ROLE_NAME"))
        .bucket(env.get("BILLING_BUCKET")).region(env.get("BILLING_REGION"));
  }
}
