package dev.billingidentity.irsa;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.DeleteRole;
import dev.billingidentity.role.DeleteRolePolicy;
import dev.billingidentity.role.ReplaceOwnedStatements;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.UpdateTrustPolicy;
import dev.billingidentity.spi.StrategyContext;
import java.util.List;

/**
 * Plans the removal of what IRSA mode created, and only that: the library's IRSA statements; the S3 policy and the
 * role too when nothing else uses them (no other statement in the trust, not even the library's Pod Identity one
 * during a migration). The cluster's OIDC provider is kept: every IRSA workload of the cluster shares it.
 */
final class IrsaDestroyPlanner {
  private IrsaDestroyPlanner() {}

  static Plan plan(StrategyContext context) {
    IrsaSettings settings = (IrsaSettings) context.settings();
    String roleName = settings.role().name();
    String roleArn = settings.role().arn(context.account());
    Plan.Builder plan = Plan.builder(IdentityMode.IRSA, roleArn, HelmValues.irsa(settings.storage(), roleArn));
    plan.note("the cluster's IAM OIDC provider is kept: every IRSA workload of the cluster shares it");
    RoleObservation role = RoleObservation.read(context.aws().iam(), roleName, settings.permissionPolicyName());
    if (role.role().isEmpty()) {
      return plan.build();
    }
    if (!role.owned()) {
      plan.note("role " + roleName + " is not managed by billing-identity: left as it is");
      return plan.build();
    }
    PolicyDocument trust = role.trust().orElseThrow();
    ReplaceOwnedStatements removeIrsa = new ReplaceOwnedStatements(BillingPolicies.IRSA_SID, List.of());
    PolicyDocument after = removeIrsa.applyTo(trust);
    if (after.statements().isEmpty()) {
      if (role.permissionPolicy().isPresent()) {
        plan.add(new DeleteRolePolicy(roleName, settings.permissionPolicyName()));
      }
      plan.add(new DeleteRole(roleName, settings.permissionPolicyName()));
      return plan.build();
    }
    if (!after.equals(trust)) {
      plan.add(new UpdateTrustPolicy(roleName, removeIrsa, Integer.MAX_VALUE,
          new IrsaCapacity(IrsaTarget.resolve(context))));
    }
    boolean otherModeUsesRole = !after.statementsWithSidPrefix(BillingPolicies.OWNED_SID_PREFIX).isEmpty();
    if (otherModeUsesRole) {
      plan.note("role " + roleName + " and its S3 policy are kept: the library's Pod Identity statement uses them");
    } else {
      if (role.permissionPolicy().isPresent()) {
        plan.add(new DeleteRolePolicy(roleName, settings.permissionPolicyName()));
      }
      plan.note("role " + roleName + " is kept: its trust policy holds statements billing-identity did not write");
    }
    return plan.build();
  }
}
