package dev.billingidentity.examples.cli;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.SettingsBuilder;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problem;
import dev.billingidentity.validation.Problems;
import dev.billingidentity.workload.VectorVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  String trustPolicyQuota;

  @Option(names = "--allow-host-namespace-pattern",
      description = "IRSA: trust system:serviceaccount:mxp-*-system:vector (StringLike) instead of exact subjects")
  boolean allowHostNamespacePattern;

  @Option(names = "--adopt-role", description = "take over an existing role that billing-identity did not create")
  boolean adoptRole;

  @Option(names = "--no-prune", description = "keep what belongs to control planes that are gone")
  boolean noPrune;

  @Option(names = "--install-agent-addon", description = "Pod Identity: install eks-pod-identity-agent if missing")
  boolean installAgentAddon;

  @Option(names = "--minimum-vector-version", paramLabel = "VERSION",
      description = "Pod Identity: the oldest vector that can use it (default: "
          + "0.46.0, the first bundling an AWS SDK that accepts the agent's address)")
  String minimumVectorVersion;

  @Option(names = "--trust-unlabelled-host-namespaces",
      description = "with --discover: trust a host namespace Spaces did not label for its control plane (not a "
          + "system namespace, nor one labelled for or claimed by another control plane)")
  boolean trustUnlabelledHostNamespaces;

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

  /** The library's names of the values these options give, and the options' names, for problems. */
  private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(
      Map.entry("cluster", "--cluster"), Map.entry("role.name", "--role-name"), Map.entry("role.path", "--role-path"),
      Map.entry("storage.bucket", "--bucket"), Map.entry("storage.region", "--region"),
      Map.entry("account.id", "--account-id"), Map.entry("oidcIssuer", "--oidc-issuer"),
      Map.entry("trustPolicyQuota", "--trust-policy-quota"), Map.entry("controlPlanes.hostNamespace", "--control-plane"),
      Map.entry("controlPlanes.group", "--group"), Map.entry("role.permissionsBoundary", "--permissions-boundary"),
      Map.entry("role.tags", "--role-tag"), Map.entry("role.maxSessionDurationSeconds", "--max-session-duration"),
      Map.entry("role.description", "--role-description"));

  /**
   * The values the options give, each checked; null where the option is absent or its value invalid.
   *
   * @param mode the mode, null when unknown
   * @param trustPolicyQuota the quota, null when invalid
   */
  record Values(IdentityMode mode, String cluster, IamRole role, BillingStorage storage, AwsAccount account,
      OidcIssuer oidcIssuer, Integer trustPolicyQuota) {}

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

  /**
   * Every value given, checked, each on its own so that no bad value hides another's problem, whether the command
   * uses it or not (a value given is meant, and a typo in it is worth saying); problems name the options.
   */
  Values values(Problems p) {
    Problems found = new Problems();
    IdentityMode m = mode(found);
    String validCluster = cluster != null && InputRules.clusterName(found, "cluster", cluster) ? cluster : null;
    IamRole role = roleName == null ? null
        : found.attempt(() -> IamRole.builder().name(roleName).path(rolePath).build());
    if (roleName == null) {
      InputRules.rolePath(found, "role.path", rolePath);
    }
    boolean regionOk = region != null && InputRules.region(found, "storage.region", region);
    boolean bucketOk = bucket != null && InputRules.s3Bucket(found, "storage.bucket", bucket);
    BillingStorage storage = regionOk && bucketOk ? BillingStorage.s3(region, bucket) : null;
    AwsAccount account = null;
    if (accountId != null && regionOk) {
      account = found.attempt(() -> AwsAccount.of(accountId, Partition.ofRegion(region)));
    } else if (accountId != null) {
      // The account's partition is the region's: without a valid region, its id is checked alone.
      InputRules.accountId(found, "account.id", accountId);
    }
    OidcIssuer issuer = oidcIssuer == null ? null : found.attempt(() -> OidcIssuer.of(oidcIssuer));
    Integer quota = trustPolicyQuota(found);
    if (quota != null && !InputRules.trustPolicyQuota(found, "trustPolicyQuota", quota)) {
      quota = null;
    }
    minimumVectorVersion(found);
    named(found, p);
    return new Values(m, validCluster, role, storage, account, issuer, quota);
  }

  /** Records, for each of {@code options} not given, that it is required ({@code rule} says why). */
  void require(Problems p, String rule, String... options) {
    for (String option : options) {
      p.require(given(option), option, null, rule);
    }
  }

  private boolean given(String option) {
    return switch (option) {
      case "--cluster" -> cluster != null;
      case "--role-name" -> roleName != null;
      case "--bucket" -> bucket != null;
      case "--region" -> region != null;
      case "--account-id" -> accountId != null;
      case "--oidc-issuer" -> oidcIssuer != null;
      default -> throw new IllegalArgumentException("not an identity option with a value: " + option);
    };
  }

  /**
   * The settings of the chosen mode, for the commands that manage AWS and the cluster: the raw values go to the
   * library's settings builder, which checks them all together; every problem is recorded in {@code p} (naming the
   * options), and null is returned when any was found.
   */
  IdentitySettings settings(Problems p) {
    Problems found = new Problems();
    IdentityMode m = mode(found);
    Integer quota = trustPolicyQuota(found);
    Map<String, String> tags = roleTags(found);
    IdentitySettings settings = null;
    if (m == null) {
      values(found);
    } else if (m == IdentityMode.IRSA) {
      settings = found.attempt(() -> common(IrsaSettings.builder(), quota, tags).oidcIssuerUrl(oidcIssuer)
          .allowHostNamespacePattern(allowHostNamespacePattern).build());
    } else {
      VectorVersion minimumVector = minimumVectorVersion(found);
      settings = found.attempt(() -> common(PodIdentitySettings.builder(), quota, tags)
          .installAgentAddon(installAgentAddon)
          .minimumVectorVersionForPodIdentity(minimumVector == null ? VectorVersion.MINIMUM_FOR_POD_IDENTITY
              : minimumVector).build());
      if (oidcIssuer != null) {
        // Pod Identity has no use for it, but a value given is meant: a bad one is said.
        found.attempt(() -> OidcIssuer.of(oidcIssuer));
      }
    }
    if (m == IdentityMode.IRSA) {
      // IRSA has no use for it, but a value given is meant: a bad one is said.
      minimumVectorVersion(found);
    }
    named(found, p);
    return found.isEmpty() ? settings : null;
  }

  /** The {@code --minimum-vector-version} given, or null (a problem recorded when it is not a version). */
  private VectorVersion minimumVectorVersion(Problems p) {
    return minimumVectorVersion == null ? null
        : p.attempt(() -> VectorVersion.parse("--minimum-vector-version", minimumVectorVersion));
  }

  private <B extends SettingsBuilder<B>> B common(B builder, Integer quota, Map<String, String> tags) {
    return builder.cluster(cluster).roleName(roleName).rolePath(rolePath).bucket(bucket).region(region)
        .accountId(accountId).trustPolicyQuota(quota == null ? IdentitySettings.DEFAULT_TRUST_POLICY_QUOTA : quota)
        .adoptExistingRole(adoptRole).prune(!noPrune)
        .trustUnlabelledHostNamespaces(trustUnlabelledHostNamespaces)
        .permissionsBoundary(permissionsBoundary).roleTags(tags).maxSessionDurationSeconds(maxSessionDuration)
        .roleDescription(roleDescription).repairPermissionsBoundary(repairPermissionsBoundary);
  }

  /** The {@code --role-tag} values as a map; a value that is not KEY=VALUE, or a key given twice, is a problem. */
  private Map<String, String> roleTags(Problems p) {
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
    return tags;
  }

  /** The quota as a number, or null (with a problem recorded) when it is not one; its range is checked elsewhere. */
  private Integer trustPolicyQuota(Problems p) {
    try {
      return Integer.valueOf(trustPolicyQuota);
    } catch (NumberFormatException e) {
      p.require(false, "trustPolicyQuota", trustPolicyQuota, "a whole number of characters, e.g. 2048");
      return null;
    }
  }

  /** Which control planes: explicit host namespaces, or discovery (optionally by group); one is required. */
  ControlPlanes controlPlanes(Problems p) {
    if (!discover && controlPlanes.isEmpty() && groups.isEmpty()) {
      p.require(false, "--control-plane", null, "give at least one --control-plane NS, or --discover");
      return null;
    }
    return givenControlPlanes(p);
  }

  /**
   * The control planes the options name, every name checked; null when none are named or a problem was found (for
   * the commands that do not need them, which still refuse a bad name).
   */
  ControlPlanes givenControlPlanes(Problems p) {
    Problems found = new Problems();
    found.require(!discover || controlPlanes.isEmpty(), "--control-plane", String.join(",", controlPlanes),
        "give --control-plane or --discover, not both");
    found.require(discover || groups.isEmpty(), "--group", String.join(",", groups), "--group needs --discover");
    ControlPlanes explicit = controlPlanes.isEmpty() ? null
        : found.attempt(() -> ControlPlanes.hostNamespaces(controlPlanes));
    ControlPlanes discovered = !groups.isEmpty()
        ? found.attempt(() -> ControlPlanes.discoveredInGroups(groups.toArray(String[]::new)))
        : discover ? ControlPlanes.discovered() : null;
    named(found, p);
    return !found.isEmpty() ? null : discover ? discovered : explicit;
  }

  /** Copies {@code found} into {@code p}, each problem naming the option its value came from. */
  private static void named(Problems found, Problems p) {
    found.asList().forEach(problem -> p.add(new Problem(
        OPTION_OF_FIELD.getOrDefault(problem.field(), problem.field()), problem.value(), problem.rule())));
  }
}
