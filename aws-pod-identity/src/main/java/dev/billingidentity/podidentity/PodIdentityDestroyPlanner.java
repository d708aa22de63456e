package dev.billingidentity.podidentity;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.role.RoleTeardown;
import dev.billingidentity.spi.aws.Association;
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

    RoleTeardown.plan(plan, observed.role(), settings, BillingPolicies.POD_IDENTITY_SID, "IRSA");
    return plan.build();
  }
}
