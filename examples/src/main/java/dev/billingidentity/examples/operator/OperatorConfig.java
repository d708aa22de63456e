package dev.billingidentity.examples.operator;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.space.ControlPlanes;
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

  static OperatorConfig fromEnvironment(Map<String, String> env) {
    Problems p = new Problems();
    String mode = env.getOrDefault("BILLING_MODE", "irsa");
    p.require(mode.equals("irsa") || mode.equals("pod-identity"), "BILLING_MODE", mode, "irsa or pod-identity");
    for (String required : new String[] {"BILLING_CLUSTER", "BILLING_ROLE_NAME", "BILLING_BUCKET", "BILLING_REGION"}) {
      p.require(env.get(required) != null, required, null, "is required");
    }
    p.throwIfAny();
    IamRole role = p.attempt(() -> IamRole.named(env.get("BILLING_ROLE_NAME")));
    BillingStorage storage = p.attempt(() -> BillingStorage.s3(env.get("BILLING_REGION"), env.get("BILLING_BUCKET")));
    String groups = env.getOrDefault("BILLING_GROUPS", "");
    ControlPlanes controlPlanes = groups.isBlank() ? ControlPlanes.discovered()
        : p.attempt(() -> ControlPlanes.discoveredInGroups(Arrays.stream(groups.split(",")).map(String::trim)
            .toArray(String[]::new)));
    p.throwIfAny();
    String cluster = env.get("BILLING_CLUSTER");
    IdentitySettings settings = p.attempt(() -> mode.equals("irsa")
        ? IrsaSettings.builder().cluster(cluster).role(role).storage(storage).build()
        : PodIdentitySettings.builder().cluster(cluster).role(role).storage(storage).build());
    p.throwIfAny();
    return new OperatorConfig(settings, controlPlanes, env.getOrDefault("POD_NAMESPACE", "billing-identity"));
  }
}
