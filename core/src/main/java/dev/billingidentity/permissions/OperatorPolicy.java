package dev.billingidentity.permissions;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The IAM policy that the library's own credentials (a CLI user's, or the operator's role) need for one mode:
 * exactly the actions of the port operations that mode calls, on exactly the role, the cluster's OIDC providers,
 * the cluster and its associations. Built from {@link PortPermissions}. With a permissions boundary in the settings,
 * creating the role (and, with {@code repairPermissionsBoundary}, setting its boundary) is allowed only with that
 * boundary ({@code iam:PermissionsBoundary}).
 */
public final class OperatorPolicy {
  private OperatorPolicy() {}

  /** The port operations IRSA calls (plan, apply, verify, destroy). */
  static final List<String> IRSA_OPERATIONS = List.of(
      "sts.callerIdentity", "eks.describeCluster", "iam.findOidcProvider", "iam.createOidcProvider",
      "iam.findRole", "iam.createRole", "iam.tagRole", "iam.updateTrustPolicy", "iam.findRolePolicy",
      "iam.putRolePolicy", "iam.deleteRolePolicy", "iam.listRolePolicyNames", "iam.deleteRole");

  /** The port operations Pod Identity calls (plan, apply, verify, destroy, migration). */
  static final List<String> POD_IDENTITY_OPERATIONS = List.of(
      "sts.callerIdentity", "eks.describeCluster", "eks.findAddon", "eks.createAddon",
      "eks.listPodIdentityAssociations", "eks.describePodIdentityAssociation", "eks.createPodIdentityAssociation",
      "eks.updatePodIdentityAssociation", "eks.deletePodIdentityAssociation",
      "iam.findRole", "iam.createRole", "iam.tagRole", "iam.updateTrustPolicy", "iam.findRolePolicy",
      "iam.putRolePolicy", "iam.deleteRolePolicy", "iam.listRolePolicyNames", "iam.deleteRole");

  /**
   * The actions IAM lets a policy condition on the permissions boundary a request sets
   * ({@code iam:PermissionsBoundary}), among those the library calls: with a boundary in the settings, its own policy
   * allows them only with that boundary, as an organisation's service control policy does.
   */
  static final List<String> BOUNDED_ACTIONS = List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary");

  /**
   * The role guardrail operations both modes call: tags and {@code UpdateRole} always; a permissions boundary only
   * with {@code repairPermissionsBoundary}, and then only the write the settings can lead to (put the boundary they
   * name, or remove one when they name none). Without the opt-in the policy grants no boundary write at all.
   */
  static List<String> guardrailOperations(IdentitySettings settings) {
    List<String> operations = new ArrayList<>(List.of("iam.untagRole", "iam.updateRole"));
    if (settings.repairPermissionsBoundary()) {
      operations.add(settings.role().permissionsBoundary().isPresent() ? "iam.putRolePermissionsBoundary"
          : "iam.deleteRolePermissionsBoundary");
    }
    return operations;
  }

  /** {@return the policy for {@code settings}' mode, in {@code account} and {@code region} (the cluster's)} */
  public static PolicyDocument forSettings(IdentitySettings settings, AwsAccount account, String region) {
    String partition = account.partition().id();
    Map<PortPermissions.Resource, String> arns = new EnumMap<>(PortPermissions.Resource.class);
    arns.put(PortPermissions.Resource.ANY, "*");
    arns.put(PortPermissions.Resource.ROLE, settings.role().arn(account));
    arns.put(PortPermissions.Resource.OIDC_PROVIDER, account.iamArn("oidc-provider/oidc.eks." + region
        + ".amazonaws.com" + (partition.equals("aws-cn") ? ".cn" : "") + "/id/*"));
    String cluster = "arn:" + partition + ":eks:" + region + ":" + account.id() + ":cluster/" + settings.cluster();
    arns.put(PortPermissions.Resource.CLUSTER, cluster);
    arns.put(PortPermissions.Resource.ASSOCIATION, "arn:" + partition + ":eks:" + region + ":" + account.id()
        + ":podidentityassociation/" + settings.cluster() + "/*");
    arns.put(PortPermissions.Resource.ADDON, "arn:" + partition + ":eks:" + region + ":" + account.id()
        + ":addon/" + settings.cluster() + "/*");

    List<String> operations = new ArrayList<>(
        settings.mode() == IdentityMode.IRSA ? IRSA_OPERATIONS : POD_IDENTITY_OPERATIONS);
    operations.addAll(guardrailOperations(settings));
    Map<PortPermissions.Resource, TreeSet<String>> actions = new EnumMap<>(PortPermissions.Resource.class);
    for (String op : operations) {
      PortPermissions.Need need = PortPermissions.of(op);
      if (!need.actions().isEmpty()) {
        actions.computeIfAbsent(need.resource(), r -> new TreeSet<>()).addAll(need.actions());
      }
    }
    Optional<String> boundary = settings.role().permissionsBoundary();
    TreeSet<String> bounded = new TreeSet<>();
    if (boundary.isPresent() && actions.containsKey(PortPermissions.Resource.ROLE)) {
      for (String action : BOUNDED_ACTIONS) {
        if (actions.get(PortPermissions.Resource.ROLE).remove(action)) {
          bounded.add(action);
        }
      }
    }
    List<Statement> statements = new ArrayList<>();
    actions.forEach((resource, acts) -> statements.add(Statement.builder()
        .sid("BillingIdentity" + camel(resource.name()))
        .allow()
        .action(acts.toArray(String[]::new))
        .resource(arns.get(resource))
        .build()));
    if (!bounded.isEmpty()) {
      statements.add(Statement.builder()
          .sid("BillingIdentityRoleWithPermissionsBoundary")
          .allow()
          .action(bounded.toArray(String[]::new))
          .resource(settings.role().arn(account))
          .condition("StringEquals", "iam:PermissionsBoundary", boundary.get())
          .build());
    }
    if (settings.mode() == IdentityMode.POD_IDENTITY) {
      statements.add(Statement.builder()
          .sid("BillingIdentityPassRoleToPodIdentity")
          .allow()
          .action("iam:PassRole")
          .resource(settings.role().arn(account))
          .condition("StringEquals", "iam:PassedToService", "pods.eks.amazonaws.com")
          .build());
    }
    return PolicyDocument.of(statements);
  }

  private static String camel(String enumName) {
    StringBuilder out = new StringBuilder();
    for (String part : enumName.split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
