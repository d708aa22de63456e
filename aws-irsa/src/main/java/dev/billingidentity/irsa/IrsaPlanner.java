package dev.billingidentity.irsa;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.bucket.BucketCheck;
import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.RolePlan;
import dev.billingidentity.role.RolePlanner;
import dev.billingidentity.role.RoleTarget;
import dev.billingidentity.role.TrustPolicyQuotaException;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans IRSA: the OIDC provider, then the role with one exact subject per provisioned control plane. Reads a fixed
 * number of AWS objects whatever the number of control planes (issuer, provider, role, inline policy), so an apply
 * costs the same calls for 1 control plane as for 20.
 */
final class IrsaPlanner {
  private IrsaPlanner() {}

  static Plan plan(StrategyContext context) {
    IrsaSettings settings = (IrsaSettings) context.settings();
    IrsaObservation observed = IrsaObservation.read(context);
    IrsaTarget target = observed.target();
    Optional<OidcProviderInfo> provider = observed.provider();
    RoleObservation role = observed.role();
    Plan.Builder plan = Plan.builder(IdentityMode.IRSA, target.roleArn(),
        HelmValues.irsa(settings.storage(), target.roleArn()));
    BucketCheck bucket = BucketPreflight.check(context, plan);

    if (provider.isEmpty()) {
      if (settings.createOidcProvider()) {
        plan.add(new CreateOidcProvider(new NewOidcProvider(target.issuer().url(),
            List.of(BillingPolicies.STS_AUDIENCE), settings.oidcThumbprints(), Ownership.tags(settings.cluster()))));
      } else {
        plan.blocker(new BillingIdentityException("the cluster's IAM OIDC provider " + target.providerArn()
            + " does not exist and creating it was turned off; create it (eksctl utils associate-iam-oidc-provider "
            + "--cluster " + settings.cluster() + " --approve) or allow the library to (createOidcProvider)"));
      }
    } else if (!provider.get().clientIds().contains(BillingPolicies.STS_AUDIENCE)) {
      plan.note("the OIDC provider " + target.providerArn() + " does not list client id "
          + BillingPolicies.STS_AUDIENCE + "; IRSA tokens will be refused until it does");
    }

    IrsaSubjectsEdit edit = subjectsEdit(context, target, role, plan);
    IrsaCapacity capacity = new IrsaCapacity(target);
    RolePlan rolePlan = RolePlanner.plan(role, new RoleTarget(settings.role(), settings.cluster(),
        "Billing (vector) of Upbound Space on EKS cluster " + settings.cluster() + " via IRSA; managed by billing-identity",
        settings.permissionPolicyName(), bucket.s3Access(), edit,
        settings.trustPolicyQuota(), capacity, settings.adoptExistingRole(), settings.repairPermissionsBoundary()));
    plan.addAll(rolePlan.changes());
    rolePlan.notes().forEach(plan::note);
    plan.capacity(rolePlan.capacity());
    if (!rolePlan.capacity().fits()) {
      plan.blocker(new TrustPolicyQuotaException(settings.role().name(), rolePlan.capacity()));
    }
    return plan.build();
  }

  private static IrsaSubjectsEdit subjectsEdit(
      StrategyContext context, IrsaTarget target, RoleObservation role, Plan.Builder plan) {
    IrsaSettings settings = target.settings();
    String sa = settings.serviceAccount();
    List<String> current = role.trust().map(t -> BillingPolicies.irsaSubjects(t, target.issuer())).orElse(List.of());
    TreeSet<String> add = new TreeSet<>();
    for (String ns : context.space().hostNamespaces()) {
      boolean covered = settings.allowHostNamespacePattern() && Subjects.coveredByPattern(ns);
      if (!covered && !current.contains(target.subject(ns))) {
        add.add(target.subject(ns));
      }
    }
    for (ControlPlane cp : context.space().pending()) {
      plan.note(pendingNote(cp, current, target));
    }
    TreeSet<String> remove = new TreeSet<>();
    Set<String> namespacesInTrust = new TreeSet<>();
    current.forEach(s -> Subjects.hostNamespace(s, sa).ifPresent(namespacesInTrust::add));
    Set<String> gone = context.goneHostNamespaces(namespacesInTrust);
    if (!gone.isEmpty()) {
      if (settings.prune()) {
        gone.forEach(ns -> remove.add(target.subject(ns)));
      } else {
        plan.note(gone.size() + " subject(s) of control planes that are gone are kept (pruning is off): " + gone);
      }
    }
    return new IrsaSubjectsEdit(target.account(), target.issuer(), add, remove, settings.allowHostNamespacePattern());
  }

  /**
   * What the plan says of a control plane it gives no subject. A refused one (its host namespace not trusted) gets
   * no write at all: neither a subject, nor the removal of one an earlier apply wrote, since a {@code ControlPlane}
   * still claims the namespace; the note says so, for a person to decide.
   */
  private static String pendingNote(ControlPlane cp, List<String> current, IrsaTarget target) {
    if (cp.notProvisionedReason().isEmpty()) {
      return "control plane " + cp.displayName() + " is not provisioned yet: its subject is added once it is";
    }
    String note = "control plane " + cp.displayName() + " is not provisioned: " + cp.notProvisionedReason().get()
        + "; no subject is added for it";
    String ns = cp.hostNamespace().orElseThrow();
    if (current.contains(target.subject(ns))) {
      note += "; the trust already holds " + target.subject(ns) + " (an earlier apply), which is kept while a "
          + "ControlPlane claims " + ns + ": remove it by hand if " + ns + " is not that control plane's";
    }
    return note;
  }
}
