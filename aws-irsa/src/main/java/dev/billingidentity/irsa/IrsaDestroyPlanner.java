package dev.billingidentity.irsa;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.NamedList;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.DestroyScope;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.RoleTeardown;
import dev.billingidentity.role.UpdateTrustPolicy;
import dev.billingidentity.spi.StrategyContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the removal of what IRSA mode created, and only that, for the chosen control planes:
 * <ul>
 *   <li>the whole Space ({@link dev.billingidentity.space.ControlPlanes#discovered()}, no group or label): the
 *       library's IRSA statements; the S3 policy and the role too when nothing else uses them (no other statement in
 *       the trust, not even the library's Pod Identity one during a migration);</li>
 *   <li>a part of it (host namespaces, groups, labels): only the part's subjects, from the library's IRSA statement
 *       (a remove-only {@link IrsaSubjectsEdit}); the role, its S3 policy, the other subjects and the opt-in pattern
 *       statement are kept, and the notes say so. A part that would leave the trust with no statement at all is
 *       refused: IAM allows no empty trust policy, and a part does not remove the role.</li>
 * </ul>
 * The cluster's OIDC provider is kept: every IRSA workload of the cluster shares it.
 */
final class IrsaDestroyPlanner {
  private IrsaDestroyPlanner() {}

  static Plan plan(StrategyContext context) {
    IrsaSettings settings = (IrsaSettings) context.settings();
    String roleName = settings.role().name();
    String roleArn = settings.role().arn(context.account());
    Plan.Builder plan = Plan.builder(IdentityMode.IRSA, roleArn, HelmValues.irsa(settings.storage(), roleArn));
    plan.note("the cluster's IAM OIDC provider is kept: every IRSA workload of the cluster shares it");
    DestroyScope scope = DestroyScope.of(context);
    RoleObservation role = RoleObservation.read(context.aws().iam(), roleName, settings.permissionPolicyName());
    if (scope.isWholeSpace()) {
      plan.note("the selection is the whole Space: every subject goes with the library's IRSA statements, and the "
          + "role and its S3 policy too unless something else in the trust uses them");
      RoleTeardown.plan(plan, role, settings, BillingPolicies.IRSA_SID, "Pod Identity");
    } else {
      planPart(context, scope, role, plan);
    }
    return plan.build();
  }

  private static void planPart(StrategyContext context, DestroyScope scope, RoleObservation role, Plan.Builder plan) {
    IrsaSettings settings = (IrsaSettings) context.settings();
    if (role.role().isEmpty() || !role.owned()) {
      RoleTeardown.keep(plan, role, settings, scope, null, null);
      return;
    }
    IrsaTarget target = IrsaTarget.resolve(context);
    PolicyDocument trust = role.trust().orElseThrow();
    List<String> current = BillingPolicies.irsaSubjects(trust, target.issuer());
    Set<String> selected = new LinkedHashSet<>();
    scope.hostNamespaces().forEach(ns -> selected.add(target.subject(ns)));
    TreeSet<String> remove = new TreeSet<>();
    List<String> kept = new ArrayList<>();
    for (String subject : current) {
      (selected.contains(subject) ? remove : kept).add(subject);
    }
    boolean pattern = !trust.statementsWithSidPrefix(BillingPolicies.IRSA_PATTERN_SID).isEmpty();
    notePattern(scope, pattern, plan);
    List<String> without = scope.hostNamespaces().stream()
        .filter(ns -> !current.contains(target.subject(ns)))
        .filter(ns -> !(pattern && Subjects.coveredByPattern(ns)))
        .toList();
    if (!without.isEmpty()) {
      plan.note("no subject to remove for " + without.size() + " host namespace(s) of the selection: "
          + NamedList.of(without));
    }
    if (!kept.isEmpty()) {
      plan.note(kept.size() + " subject(s) outside the selection are kept: " + NamedList.of(kept));
    }
    if (!remove.isEmpty()) {
      IrsaSubjectsEdit edit = new IrsaSubjectsEdit(target.account(), target.issuer(), new TreeSet<>(), remove, pattern);
      if (edit.applyTo(trust).statements().isEmpty()) {
        plan.blocker(new BillingIdentityException("controlPlanes (" + scope.describe() + "): destroying them would "
            + "remove the last subject(s) of role " + settings.role().name() + " (" + NamedList.of(remove) + ") and "
            + "leave its trust policy with no statement, which IAM refuses; a part of the Space keeps the role. "
            + "Destroy the whole Space (ControlPlanes.discovered(); CLI: --discover with no --group) to remove the "
            + "role, its S3 policy and every subject"));
      }
      // Removing subjects only shrinks the trust: there is no quota to check.
      plan.add(new UpdateTrustPolicy(settings.role().name(), edit, Integer.MAX_VALUE,
          doc -> new TrustCapacity(doc.size(), Integer.MAX_VALUE, 0, 0)));
    }
    RoleTeardown.keep(plan, role, settings, scope, null, kept.isEmpty() && !remove.isEmpty() ? "every subject left" : null);
  }

  /**
   * The opt-in pattern statement is no control plane's: a part keeps it, and says which of its host namespaces it
   * still trusts.
   */
  private static void notePattern(DestroyScope scope, boolean pattern, Plan.Builder plan) {
    if (!pattern) {
      return;
    }
    List<String> stillTrusted = scope.hostNamespaces().stream().filter(Subjects::coveredByPattern).toList();
    plan.note("the opt-in host-namespace pattern statement (" + BillingPolicies.HOST_NAMESPACE_SUBJECT_PATTERN
        + ") is kept: it belongs to no one control plane"
        + (stillTrusted.isEmpty() ? "" : ", and still trusts vector in " + NamedList.of(stillTrusted))
        + "; destroying the whole Space removes it");
  }
}
