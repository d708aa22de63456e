package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.bucket.BucketCheck;
import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.RolePlan;
import dev.billingidentity.role.RolePlanner;
import dev.billingidentity.role.RoleTarget;
import dev.billingidentity.role.TrustPolicyQuotaException;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans Pod Identity, in apply order: the role (created or brought to the target: the library's Pod Identity trust
 * statement beside any other statement, and the S3 policy), the agent add-on, then one association per provisioned
 * control plane and the pruning of the library's associations of control planes that are gone. Only reads.
 */
final class PodIdentityPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(PodIdentityPlanner.class);

  private PodIdentityPlanner() {}

  /**
   * The plan for {@code observed}.
   *
   * @param trustPolicyQuota the account's trust policy size quota as far as the caller knows it (2,048 by default;
   *     a trust IAM already holds proves a quota at least as large as it)
   */
  static Plan plan(PodIdentityObservation observed, int trustPolicyQuota) {
    PodIdentityTarget target = observed.target();
    PodIdentitySettings settings = target.settings();
    StrategyContext context = observed.context();
    Plan.Builder plan = Plan.builder(IdentityMode.POD_IDENTITY, target.roleArn(),
        HelmValues.podIdentity(settings.storage()));
    BucketCheck bucket = BucketPreflight.check(context, plan);
    List<BillingIdentityException> blockers = new ArrayList<>();

    // The associations are diffed first because the trust capacity reports the room they leave.
    AssociationPlan associations = planAssociations(observed);

    RoleObservation role = observed.role();
    int quota = Math.max(trustPolicyQuota, role.trust().map(PolicyDocument::size).orElse(0));
    RolePlan rolePlan = RolePlanner.plan(role, new RoleTarget(settings.role(), settings.cluster(),
        "Billing (vector) of Upbound Space on EKS cluster " + settings.cluster()
            + " via EKS Pod Identity; managed by billing-identity",
        settings.permissionPolicyName(), bucket.s3Access(), target.trustEdit(), quota,
        new PodIdentityCapacity(quota, associations.associationsAfter()), settings.adoptExistingRole(),
        settings.repairPermissionsBoundary()));
    plan.addAll(rolePlan.changes());
    rolePlan.notes().forEach(plan::note);
    plan.capacity(rolePlan.capacity());
    if (!rolePlan.capacity().fits()) {
      blockers.add(new TrustPolicyQuotaException(settings.role().name(), rolePlan.capacity()));
      plan.note("the Pod Identity statement does not fit beside the trust's other statements: raise the quota, "
          + "remove statements the role no longer needs (after a migration, the IRSA statement), or give Pod "
          + "Identity a role of its own (PodIdentitySettings role)");
    }

    observed.addon().planInto(plan, settings.installAgentAddon()).ifPresent(blockers::add);

    plan.addAll(associations.changes());
    associations.notes().forEach(plan::note);
    associations.blocker().ifPresent(blockers::add);
    for (ControlPlane cp : context.space().pending()) {
      plan.note(pendingNote(cp, observed.associations(), target.serviceAccount()));
    }
    if (observed.associations().complete()) {
      plan.note("Pod Identity's trust does not grow with control planes; the cluster will have "
          + associations.associationsAfter() + " of " + PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER
          + " pod identity associations");
    } else {
      plan.note("Pod Identity's trust does not grow with control planes; only the host namespaces given were listed, "
          + "so the cluster's count of pod identity associations against EKS's "
          + PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER + " is not known here (EKS refuses a creation past it; "
          + "a plan of the discovered Space counts them all)");
    }

    if (!blockers.isEmpty()) {
      plan.blocker(blockers.get(0));
      blockers.subList(1, blockers.size()).forEach(b -> plan.note("also blocked: " + b.getMessage()));
    }
    Plan built = plan.build();
    LOG.debug("Pod Identity plan for {} control plane(s): {} change(s){}", context.space().provisioned().size(),
        built.changes().size(), built.blocker().isPresent() ? ", blocked" : "");
    return built;
  }

  /**
   * What the plan says of a control plane it gives no association. A refused one (its host namespace not trusted)
   * gets no write at all: neither an association, nor the deletion of one an earlier apply made, since a
   * {@code ControlPlane} still claims the namespace; the note says so, for a person to decide.
   */
  private static String pendingNote(ControlPlane cp, AssociationInventory inventory, String serviceAccount) {
    if (cp.notProvisionedReason().isEmpty()) {
      return "control plane " + cp.displayName() + " is not provisioned yet: its association is created once it is";
    }
    String note = "control plane " + cp.displayName() + " is not provisioned: " + cp.notProvisionedReason().get()
        + "; no association is created for it";
    String ns = cp.hostNamespace().orElseThrow();
    if (inventory.namespaces().contains(ns)) {
      note += "; a pod identity association for " + ns + "/" + serviceAccount + " already exists, which is kept while a "
          + "ControlPlane claims " + ns + ": delete it by hand if " + ns + " is not that control plane's";
    }
    return note;
  }

  private static AssociationPlan planAssociations(PodIdentityObservation observed) {
    PodIdentityTarget target = observed.target();
    StrategyContext context = observed.context();
    AssociationInventory inventory = observed.associations();
    Set<String> wanted = context.space().hostNamespaces();
    Set<String> elsewhere = new LinkedHashSet<>(inventory.namespaces());
    elsewhere.removeAll(wanted);
    Set<String> gone = elsewhere.isEmpty() ? Set.of() : context.goneHostNamespaces(elsewhere);
    Set<String> toDescribe = new LinkedHashSet<>(wanted);
    if (target.settings().prune()) {
      toDescribe.addAll(gone);
    }
    Map<String, Association> existing = observed.describe(toDescribe);
    KnownAssociations known = KnownAssociations.of(context);
    // What the creates and updates answer, and what was described of the associations the plan leaves alone, is
    // kept for the verification after the apply (KnownAssociations), which so describes none of them again.
    AssociationPlan planned = AssociationPlanner.plan(target, wanted, existing, gone, target.settings().prune(),
        inventory.total(), known::wrote);
    known.read(existing, changedNamespaces(planned.changes()));
    return planned;
  }

  /** The namespaces whose association {@code changes} create, update or delete. */
  private static Set<String> changedNamespaces(List<Change> changes) {
    Set<String> out = new LinkedHashSet<>();
    for (Change c : changes) {
      if (c instanceof CreateAssociation create) {
        out.add(create.association().namespace());
      } else if (c instanceof UpdateAssociation update) {
        out.add(update.namespace());
      } else if (c instanceof DeleteAssociation delete) {
        out.add(delete.namespace());
      }
    }
    return out;
  }
}
