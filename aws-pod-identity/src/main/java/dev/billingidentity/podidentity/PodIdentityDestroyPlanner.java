package dev.billingidentity.podidentity;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.NamedList;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.role.DestroyScope;
import dev.billingidentity.role.RoleTeardown;
import dev.billingidentity.spi.aws.Association;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the removal of what Pod Identity mode created, and only that, for the chosen control planes: first the
 * library's associations of the billing role (so that no pod is handed a role that is about to change), then, for
 * the whole Space only ({@link dev.billingidentity.space.ControlPlanes#discovered()}, no group or label), the
 * library's Pod Identity trust statement, and the S3 policy and the role too when nothing else uses them (no other
 * statement in the trust, not even the library's IRSA one during a migration). A part of the Space (host namespaces,
 * groups, labels) loses only its associations; the role, its trust and its S3 policy are kept, and the notes say so.
 * An association the library did not create, or made for another role, is never deleted. The agent add-on is kept:
 * other workloads may use Pod Identity.
 */
final class PodIdentityDestroyPlanner {
  private PodIdentityDestroyPlanner() {}

  static Plan plan(PodIdentityObservation observed) {
    PodIdentityTarget target = observed.target();
    PodIdentitySettings settings = target.settings();
    Plan.Builder plan = Plan.builder(IdentityMode.POD_IDENTITY, target.roleArn(),
        HelmValues.podIdentity(settings.storage()));
    plan.note("add-on " + PodIdentitySettings.AGENT_ADDON + " is kept: other workloads of the cluster may use it");
    DestroyScope scope = DestroyScope.of(observed.context());

    Set<String> listed = observed.associations().namespaces();
    Collection<String> namespaces = scope.isWholeSpace() ? listed
        : scope.hostNamespaces().stream().filter(listed::contains).toList();
    Map<String, Association> described = observed.describe(namespaces);
    int othersOwned = 0;
    List<String> foreign = new ArrayList<>();
    int deleted = 0;
    for (Association a : described.values()) {
      if (!AssociationWrites.owned(a)) {
        foreign.add(a.namespace() + "/" + a.serviceAccount());
      } else if (a.roleArn().equals(target.roleArn())) {
        plan.add(new DeleteAssociation(a.clusterName(), a.associationId(), a.namespace(), a.serviceAccount(), false));
        deleted++;
      } else {
        othersOwned++;
      }
    }
    if (othersOwned > 0) {
      plan.note(othersOwned + " association(s) created by billing-identity for another role are kept: destroy them "
          + "with the settings of that role");
    }
    if (!scope.isWholeSpace() && !foreign.isEmpty()) {
      // For the whole Space these are every other tool's associations of the service account: not worth a note.
      plan.note(foreign.size() + " association(s) of the selection not created by billing-identity are kept: "
          + NamedList.of(foreign));
    }

    if (scope.isWholeSpace()) {
      plan.note("the selection is the whole Space: every association of the role goes, then the library's Pod "
          + "Identity statement, and the role and its S3 policy too unless something else in the trust uses them");
      RoleTeardown.plan(plan, observed.role(), settings, BillingPolicies.POD_IDENTITY_SID, "IRSA");
      return plan.build();
    }
    Set<String> outside = new TreeSet<>(listed);
    outside.removeAll(scope.hostNamespaces());
    if (!outside.isEmpty()) {
      plan.note("the association(s) of " + settings.serviceAccount() + " in " + outside.size() + " host namespace(s) "
          + "outside the selection are kept: " + NamedList.of(outside));
    }
    RoleTeardown.keep(plan, observed.role(), settings, scope, "the library's Pod Identity statement",
        outside.isEmpty() && deleted > 0 ? "every association left" : null);
    return plan.build();
  }
}
