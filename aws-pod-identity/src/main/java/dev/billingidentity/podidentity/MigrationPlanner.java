package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.podidentity.MigrationStatus.ControlPlaneState;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.role.RoleTeardown;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.workload.RestartWorkload;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Plans each step of the migration from IRSA to Pod Identity, from what AWS and the cluster hold now. Only reads. */
final class MigrationPlanner {
  private MigrationPlanner() {}

  /** The plan of {@code step}. */
  static Plan plan(MigrationStep step, StrategyContext context, IrsaSettings irsa) {
    return switch (step) {
      case CREATE_ASSOCIATIONS -> createAssociations(context, irsa);
      case DROP_ANNOTATION -> dropAnnotation(MigrationObservation.read(context, irsa));
      case RESTART_WORKLOADS -> restartWorkloads(MigrationObservation.read(context, irsa));
      case REMOVE_IRSA_TRUST -> removeIrsaTrust(MigrationObservation.read(context, irsa));
    };
  }

  /**
   * Step 1: the Pod Identity plan, measured against the IRSA settings' trust quota (the account's, which the IRSA
   * side had to know), with IRSA's Helm values: they must stay until the associations exist.
   */
  static Plan createAssociations(StrategyContext context, IrsaSettings irsa) {
    PodIdentityObservation pi = PodIdentityObservation.readWithBucket(context);
    Plan base = PodIdentityPlanner.plan(pi, irsa.trustPolicyQuota());
    PodIdentityTarget target = pi.target();
    Plan.Builder plan = Plan.builder(IdentityMode.POD_IDENTITY, target.roleArn(),
        HelmValues.irsa(irsa.storage(), irsa.role().arn(target.account())));
    plan.addAll(base.changes());
    base.capacity().ifPresent(plan::capacity);
    // A vector too old for Pod Identity would lose its credentials at step 3: refused here, before anything is made.
    Optional<BillingIdentityException> oldVector = oldVector(context, target)
        .map(reason -> new BillingIdentityException("not moving to Pod Identity: " + reason));
    base.blocker().or(() -> oldVector).ifPresent(plan::blocker);
    if (base.blocker().isPresent()) {
      oldVector.ifPresent(e -> plan.note(e.getMessage()));
    }
    plan.note("migration step 1/4 (" + MigrationStep.CREATE_ASSOCIATIONS + "): IRSA keeps serving while it runs: its "
        + "statement stays in the trust and the annotation keeps vector's pods on IRSA's credentials");
    if (target.settings().role().name().equals(irsa.role().name())) {
      plan.note("the Pod Identity statement (Sid " + BillingPolicies.POD_IDENTITY_SID + ") goes beside the IRSA "
          + "statement (Sid " + BillingPolicies.IRSA_SID + ") in the trust of role " + irsa.role().name());
    } else {
      plan.note("Pod Identity uses role " + target.settings().role().name() + "; the IRSA role " + irsa.role().name()
          + " is left as it is until " + MigrationStep.REMOVE_IRSA_TRUST);
    }
    base.notes().forEach(plan::note);
    plan.note("keep the Space's Helm values as they are until this step is applied; next: "
        + MigrationStep.DROP_ANNOTATION);
    return plan.build();
  }

  /** Step 2: nothing to write; what to set in the Helm values, blocked while a control plane has no association. */
  static Plan dropAnnotation(MigrationObservation o) {
    Plan.Builder plan = podIdentityPlan(o);
    plan.note("migration step 2/4 (" + MigrationStep.DROP_ANNOTATION + "): done outside the library");
    notReadyForPodIdentity(o).ifPresent(plan::blocker);
    List<String> annotated = o.states().stream().filter(ControlPlaneState::annotated)
        .map(ControlPlaneState::hostNamespace).toList();
    if (annotated.isEmpty()) {
      plan.note("no vector service account carries " + HelmValues.ROLE_ARN_ANNOTATION + " any more: done; next: "
          + MigrationStep.RESTART_WORKLOADS);
      return plan.build();
    }
    plan.note(annotated.size() + " vector service account(s) still carry " + HelmValues.ROLE_ARN_ANNOTATION + " "
        + AssociationPlanner.abbreviate(annotated) + ": upgrade the Space with the Pod Identity values, which have "
        + "no controlPlanes.vector.serviceAccount.customAnnotations: "
        + String.join(" ", HelmValues.podIdentity(o.irsa().storage()).setFlags())
        + " (with --reuse-values, add --set controlPlanes.vector.serviceAccount.customAnnotations=null: reused "
        + "values keep the old annotation)");
    plan.note("running pods keep IRSA's credentials until they are restarted (" + MigrationStep.RESTART_WORKLOADS
        + "); none loses its credentials meanwhile");
    return plan.build();
  }

  /** Step 3: restart vector where the association is in place and the annotation gone. */
  static Plan restartWorkloads(MigrationObservation o) {
    Plan.Builder plan = podIdentityPlan(o);
    plan.note("migration step 3/4 (" + MigrationStep.RESTART_WORKLOADS + ")");
    oldVector(o.context(), o.podIdentity().target()).ifPresent(reason -> plan.blocker(new BillingIdentityException(
        "not restarting vector onto Pod Identity: " + reason)));
    if (!o.podIdentityTrusted() || !o.podIdentity().addon().active()) {
      plan.blocker(new BillingIdentityException("not restarting vector: "
          + (!o.podIdentityTrusted() ? "the role does not trust Pod Identity yet" : "the agent add-on is not ACTIVE")
          + ", so restarted pods would get no credentials; run " + MigrationStep.CREATE_ASSOCIATIONS + " first"));
    }
    ClusterSnapshot snapshot = o.context().space().snapshot();
    List<String> waitingForAssociation = new ArrayList<>();
    List<String> waitingForAnnotation = new ArrayList<>();
    for (ControlPlaneState state : o.states()) {
      String ns = state.hostNamespace();
      boolean needsRestart = state.podsOnIrsa() > 0 || state.podsWithoutCredentials() > 0;
      if (!needsRestart) {
        continue;
      }
      if (!state.associated()) {
        waitingForAssociation.add(ns);
      } else if (state.annotated()) {
        waitingForAnnotation.add(ns);
      } else {
        Set<WorkloadRef> workloads = new LinkedHashSet<>();
        for (PodInfo pod : snapshot.pods(ns)) {
          if (PodCredentials.of(pod) != PodCredentials.POD_IDENTITY) {
            PodIdentityVerifier.workloadOf(pod, snapshot).ifPresentOrElse(workloads::add,
                () -> plan.note("pod " + ns + "/" + pod.name() + " belongs to no vector workload: delete it so that "
                    + "it is recreated"));
          }
        }
        workloads.forEach(w -> plan.add(new RestartWorkload(w, "move vector to Pod Identity credentials")));
      }
    }
    if (!waitingForAssociation.isEmpty()) {
      plan.note("not restarted, no association yet (run " + MigrationStep.CREATE_ASSOCIATIONS + "): "
          + AssociationPlanner.abbreviate(waitingForAssociation));
    }
    if (!waitingForAnnotation.isEmpty()) {
      plan.note("not restarted, the IRSA annotation is still set and would win again (" + MigrationStep.DROP_ANNOTATION
          + "): " + AssociationPlanner.abbreviate(waitingForAnnotation));
    }
    return plan.build();
  }

  /**
   * Step 4: remove the library's IRSA statements from the IRSA role's trust (the IRSA role itself when it is a role
   * of its own and holds nothing else), once no vector pod depends on IRSA, not even one of a control plane outside
   * this migration.
   */
  static Plan removeIrsaTrust(MigrationObservation o) {
    Plan.Builder plan = podIdentityPlan(o);
    IrsaSettings irsa = o.irsa();
    String roleName = irsa.role().name();
    plan.note("migration step 4/4 (" + MigrationStep.REMOVE_IRSA_TRUST + ")");
    plan.note("the cluster's IAM OIDC provider is kept: every IRSA workload of the cluster shares it");
    List<String> blockers = new ArrayList<>();
    List<String> notMigrated = o.states().stream().filter(s -> !s.migrated())
        .map(ControlPlaneState::hostNamespace).toList();
    if (!notMigrated.isEmpty()) {
      blockers.add(notMigrated.size() + " control plane(s) still depend on IRSA or have no working Pod Identity yet "
          + AssociationPlanner.abbreviate(notMigrated) + "; finish the earlier steps (status() says which)");
    }
    if (!o.podIdentityTrusted()) {
      blockers.add("the role does not trust Pod Identity yet");
    }
    RoleObservation role = o.irsaRole();
    if (role.role().isEmpty()) {
      plan.note("IRSA role " + roleName + " does not exist: nothing to remove");
    } else if (!role.owned()) {
      plan.note("IRSA role " + roleName + " is not managed by billing-identity: left as it is; remove its IRSA "
          + "statement yourself once no pod uses it");
    } else {
      PolicyDocument trust = role.trust().orElseThrow();
      Set<String> elsewhere = stillTrustedElsewhere(o, trust);
      if (!elsewhere.isEmpty()) {
        blockers.add("the IRSA statement also trusts control planes outside this migration "
            + AssociationPlanner.abbreviate(elsewhere) + "; migrate them too (forControlPlanes) before removing it");
      }
      if (!IrsaTrust.present(trust)) {
        plan.note("the trust of role " + roleName + " holds no IRSA statement of billing-identity: done");
      }
      // The prefix BillingIdentityIrsa also matches the opt-in pattern statement: both go, which is what removal
      // wants. A separate IRSA role that holds nothing else goes too, with its S3 policy.
      RoleTeardown.plan(plan, role, irsa, BillingPolicies.IRSA_SID, "Pod Identity");
    }
    return withBlockers(plan, blockers);
  }

  /** Live host namespaces the IRSA trust serves that this migration does not cover. */
  private static Set<String> stillTrustedElsewhere(MigrationObservation o, PolicyDocument trust) {
    StrategyContext context = o.context();
    Set<String> migrated = context.space().hostNamespaces();
    Set<String> candidates = new TreeSet<>(IrsaTrust.hostNamespaces(trust, o.irsa().serviceAccount()));
    candidates.removeAll(migrated);
    if (IrsaTrust.pattern(trust)) {
      context.space().liveHostNamespaces().stream().filter(IrsaTrust::coveredByPattern)
          .filter(ns -> !migrated.contains(ns)).forEach(candidates::add);
    }
    if (candidates.isEmpty()) {
      return candidates;
    }
    Set<String> live = new TreeSet<>(candidates);
    live.removeAll(context.goneHostNamespaces(candidates));
    return live;
  }

  /** Why pods created without the annotation now would get no credentials, if they would. */
  private static Optional<BillingIdentityException> notReadyForPodIdentity(MigrationObservation o) {
    List<String> missing = o.states().stream().filter(s -> !s.associated()).map(ControlPlaneState::hostNamespace)
        .toList();
    List<String> reasons = new ArrayList<>();
    if (!o.podIdentityTrusted()) {
      reasons.add("the role does not trust Pod Identity yet");
    }
    if (!o.podIdentity().addon().active()) {
      reasons.add("the agent add-on is not ACTIVE");
    }
    if (!missing.isEmpty()) {
      reasons.add(missing.size() + " control plane(s) have no association naming the role "
          + AssociationPlanner.abbreviate(missing));
    }
    oldVector(o.context(), o.podIdentity().target()).ifPresent(reasons::add);
    return reasons.isEmpty() ? Optional.empty()
        : Optional.of(new BillingIdentityException("do not drop the IRSA annotation yet: " + String.join("; ", reasons)
            + ". A vector pod started without the annotation would get no credentials. Run "
            + MigrationStep.CREATE_ASSOCIATIONS + " first."));
  }

  /** Why vector cannot move to Pod Identity yet: some host namespace runs one older than the settings' minimum. */
  private static Optional<String> oldVector(StrategyContext context, PodIdentityTarget target) {
    return VectorVersionCheck.tooOldSummary(context.space().hostNamespaces(), context.space().snapshot(),
        target.settings().minimumVectorVersionForPodIdentity());
  }

  private static Plan.Builder podIdentityPlan(MigrationObservation o) {
    PodIdentityTarget target = o.podIdentity().target();
    return Plan.builder(IdentityMode.POD_IDENTITY, target.roleArn(),
        HelmValues.podIdentity(target.settings().storage()));
  }

  private static Plan withBlockers(Plan.Builder plan, List<String> blockers) {
    if (!blockers.isEmpty()) {
      plan.blocker(new BillingIdentityException("not removing the IRSA trust yet: " + String.join("; ", blockers)
          + ". Pods still using IRSA would lose their credentials."));
    }
    return plan.build();
  }
}
