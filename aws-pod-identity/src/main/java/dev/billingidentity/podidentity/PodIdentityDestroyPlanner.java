package dev.billingidentity.podidentity;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.DeleteRole;
import dev.billingidentity.role.DeleteRolePolicy;
import dev.billingidentity.role.ReplaceOwnedStatements;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.UpdateTrustPolicy;
import dev.billingidentity.spi.aws.Association;
import java.util.List;
import java.util.Map;

/**
 * Plans the removal of what Pod Identity mode created, and only that: first the library's associations of the
 * billing role (so that no pod is handed a role that is about to change), then the library's Pod Identity trust
 * statement, and the S3 policy and the role too when nothing else uses them (no other statement in the trust, not
 * even the library's IRSA one during a migration). The agent add-on is kept: other workloads may use Pod Identity.
 */
final class PodIdentityDestroyPlanner {
  private PodIdentityDestroyPlanner() {}

  static Plan plan(PodIdentityObservation observed) {
    PodIdentityTarget target = observed.target();
    PodIdentitySettings settings = target.settings();
    String roleName = settings.role().name();
    Plan.Builder plan = Plan.builder(IdentityMode.POD_IDENTITY, target.roleArn(),
        HelmValues.podIdentity(settings.storage()));
    plan.note("add-on " + PodIdentitySettings.AGENT_ADDON + " is kept: other workloads of the cluster may use it");

    Map<String, Association> described = observed.describe(observed.associations().namespaces());
    int othersOwned = 0;
    for (Association a : described.values()) {
      if (!AssociationWrites.owned(a)) {
        continue;
      }
      if (a.roleArn().equals(target.roleArn())) {
        plan.add(new DeleteAssociation(a.clusterName(), a.associationId(), a.namespace(), a.serviceAccount(), false));
      } else {
        othersOwned++;
      }
    }
    if (othersOwned > 0) {
      plan.note(othersOwned + " association(s) created by billing-identity for another role are kept: destroy them "
          + "with the settings of that role");
    }

    RoleObservation role = observed.role();
    if (role.role().isEmpty()) {
      return plan.build();
    }
    if (!role.owned()) {
      plan.note("role " + roleName + " is not managed by billing-identity: left as it is");
      return plan.build();
    }
    PolicyDocument trust = role.trust().orElseThrow();
    ReplaceOwnedStatements removePodIdentity = new ReplaceOwnedStatements(BillingPolicies.POD_IDENTITY_SID, List.of());
    PolicyDocument after = removePodIdentity.applyTo(trust);
    if (after.statements().isEmpty()) {
      if (role.permissionPolicy().isPresent()) {
        plan.add(new DeleteRolePolicy(roleName, settings.permissionPolicyName()));
      }
      plan.add(new DeleteRole(roleName, settings.permissionPolicyName()));
      return plan.build();
    }
    if (!after.equals(trust)) {
      // Removing statements only shrinks the trust: no quota to check.
      plan.add(new UpdateTrustPolicy(roleName, removePodIdentity, Integer.MAX_VALUE,
          new PodIdentityCapacity(Integer.MAX_VALUE, 0)));
    }
    boolean otherModeUsesRole = !after.statementsWithSidPrefix(BillingPolicies.OWNED_SID_PREFIX).isEmpty();
    if (otherModeUsesRole) {
      plan.note("role " + roleName + " and its S3 policy are kept: the library's IRSA statement uses them");
    } else {
      if (role.permissionPolicy().isPresent()) {
        plan.add(new DeleteRolePolicy(roleName, settings.permissionPolicyName()));
      }
      plan.note("role " + roleName + " is kept: its trust policy holds statements billing-identity did not write");
    }
    return plan.build();
  }
}
