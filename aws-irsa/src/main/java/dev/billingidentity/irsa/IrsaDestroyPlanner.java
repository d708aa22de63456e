package dev.billingidentity.irsa;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.RoleTeardown;
import dev.billingidentity.spi.StrategyContext;

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
    RoleTeardown.plan(plan, role, settings, BillingPolicies.IRSA_SID, "Pod Identity");
    return plan.build();
  }
}
