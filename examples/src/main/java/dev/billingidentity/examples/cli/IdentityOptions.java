package dev.billingidentity.examples.cli;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * The options that say what to manage: mode, cluster, role, bucket, control planes. Turned into the library's
 * settings with every problem collected, so that invalid input is reported whole and before any call.
 */
final class IdentityOptions {
  @Option(names = "--mode", defaultValue = "irsa", description = "irsa or pod-identity (default: ${DEFAULT-VALUE})")
  String mode;

  @Option(names = "--cluster", description = "the EKS cluster hosting the Space")
  String cluster;

  @Option(names = "--role-name", description = "the billing role's name")
  String roleName;

  @Option(names = "--role-path", defaultValue = "/", description = "the billing role's path (default: /)")
  String rolePath;

  @Option(names = "--bucket", description = "the billing S3 bucket")
  String bucket;

  @Option(names = "--region", description = "the bucket's region, e.g. us-east-1")
  String region;

  @Option(names = "--account-id", description = "the AWS account id (default: asked of STS)")
  String accountId;

  @Option(names = "--oidc-issuer", description = "the cluster's OIDC issuer URL (IRSA; default: asked of EKS)")
  String oidcIssuer;

  @Option(names = "--control-plane", paramLabel = "NS", description = "a control plane's host namespace (repeatable)")
  List<String> controlPlanes = new ArrayList<>();

  @Option(names = "--discover", description = "manage every control plane discovered in the Space")
  boolean discover;

  @Option(names = "--group", description = "with --discover: only control planes of this group (repeatable)")
  List<String> groups = new ArrayList<>();

  @Option(names = "--trust-policy-quota", defaultValue = "2048",
      description = "the account's trust policy size quota (default: ${DEFAULT-VALUE})")
  int trustPolicyQuota;

  @Option(names = "--allow-host-namespace-pattern",
      description = "IRSA: trust system:serviceaccount:mxp-*-system:vector (StringLike) instead of exact subjects")
  boolean allowHostNamespacePattern;

  @Option(names = "--adopt-role", description = "take over an existing role that billing-identity did not create")
  boolean adoptRole;

  @Option(names = "--no-prune", description = "keep what belongs to control planes that are gone")
  boolean noPrune;

  @Option(names = "--install-agent-addon", description = "Pod Identity: install eks-pod-identity-agent if missing")
  boolean installAgentAddon;

  @Option(names = "--permissions-boundary", paramLabel = "ARN",
      description = "the managed policy ARN to create the role with as its permissions boundary")
  String permissionsBoundary;

  @Option(names = "--role-tag", paramLabel = "KEY=VALUE",
      description = "a tag of the role, split at the first '=' (repeatable)")
  List<String> roleTags = new ArrayList<>();

  @Option(names = "--max-session-duration", paramLabel = "SECONDS",
      description = "the role's maximum session duration, 3600 to 43200 (default: IAM's, 3600)")
  Integer maxSessionDuration;

  @Option(names = "--role-description", paramLabel = "TEXT", description = "the role's description")
  String roleDescription;

  @Option(names = "--repair-permissions-boundary",
      description = "let apply set (or remove) the permissions boundary of an existing role to the one given")
  boolean repairPermissionsBoundary;

  /** The mode, or null (with a problem recorded) when unknown. */
  IdentityMode mode(Problems p) {
    for (IdentityMode m : IdentityMode.values()) {
      if (m.id().equals(mode)) {
        return m;
      }
    }
    p.require(false, "--mode", mode, "one of irsa, pod-identity");
    return null;
  }

  /** The settings of the chosen mode; records every problem in {@code p} and returns null when any was found. */
  IdentitySettings settings(Problems p) {
    IdentityMode m = mode(p);
    if (p.require(cluster != null, "--cluster", null, "is required")) {
      InputRules.clusterName(p, "cluster", cluster);
    }
    InputRules.trustPolicyQuota(p, "trustPolicyQuota", trustPolicyQuota);
    p.require(roleName != null, "--role-name", null, "is required");
    p.require(bucket != null, "--bucket", null, "is required");
    p.require(region != null, "--region", null, "is required");
    IamRole named = roleName == null ? null : p.attempt(() -> IamRole.builder().name(roleName).path(rolePath).build());
    IamRole role = named == null ? null : withGuardrails(p, named);
    BillingStorage storage = bucket == null || region == null ? null : p.attempt(() -> BillingStorage.s3(region, bucket));
    AwsAccount account = accountId == null || storage == null ? null
        : p.attempt(() -> AwsAccount.of(accountId, Partition.ofRegion(storage.region())));
    OidcIssuer issuer = oidcIssuer == null ? null : p.attempt(() -> OidcIssuer.of(oidcIssuer));
    if (m == null || cluster == null || role == null || storage == null || !p.isEmpty()) {
      return null;
    }
    if (m == IdentityMode.IRSA) {
      return p.attempt(() -> IrsaSettings.builder().cluster(cluster).role(role).storage(storage)
          .account(java.util.Optional.ofNullable(account)).oidcIssuer(java.util.Optional.ofNullable(issuer))
          .trustPolicyQuota(trustPolicyQuota).allowHostNamespacePattern(allowHostNamespacePattern)
          .adoptExistingRole(adoptRole).prune(!noPrune)
          .repairPermissionsBoundary(repairPermissionsBoundary).build());
    }
    return p.attempt(() -> PodIdentitySettings.builder().cluster(cluster).role(role).storage(storage)
        .account(java.util.Optional.ofNullable(account)).adoptExistingRole(adoptRole).prune(!noPrune)
        .trustPolicyQuota(trustPolicyQuota).installAgentAddon(installAgentAddon)
        .repairPermissionsBoundary(repairPermissionsBoundary).build());
  }

  /** {@code role} with the guardrails given, or null (with the problems recorded) when any is invalid. */
  private IamRole withGuardrails(Problems p, IamRole role) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : roleTags) {
      int eq = tag.indexOf('=');
      if (!p.require(eq >= 0, "--role-tag", tag, "a role tag is KEY=VALUE")) {
        continue;
      }
      String key = tag.substring(0, eq);
      p.require(tags.putIfAbsent(key, tag.substring(eq + 1)) == null, "--role-tag", tag,
          "each tag key is given once (" + key + " is given twice)");
    }
    return p.attempt(() -> IamRole.builder().from(role).permissionsBoundary(Optional.ofNullable(permissionsBoundary))
        .tags(tags).maxSessionDurationSeconds(maxSessionDuration == null ? OptionalInt.empty()
            : OptionalInt.of(maxSessionDuration))
        .description(Optional.ofNullable(roleDescription)).build());
  }

  /** Which control planes: explicit host namespaces, or discovery (optionally by group). */
  ControlPlanes controlPlanes(Problems p) {
    if (discover && !controlPlanes.isEmpty()) {
      p.require(false, "--control-plane", String.join(",", controlPlanes), "give --control-plane or --discover, not both");
      return null;
    }
    if (!discover && !groups.isEmpty()) {
      p.require(false, "--group", String.join(",", groups), "--group needs --discover");
      return null;
    }
    if (discover) {
      return groups.isEmpty() ? ControlPlanes.discovered()
          : p.attempt(() -> ControlPlanes.discoveredInGroups(groups.toArray(String[]::new)));
    }
    if (controlPlanes.isEmpty()) {
      p.require(false, "--control-plane", null, "give at least one --control-plane NS, or --discover");
      return null;
    }
    return p.attempt(() -> ControlPlanes.hostNamespaces(controlPlanes));
  }
}
