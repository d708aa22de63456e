package dev.billingidentity.podidentity;

import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.plan.Change;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.NewAssociation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Diffs the associations EKS holds against one per provisioned control plane. Pure: it reads and writes nothing.
 *
 * <ul>
 *   <li>a host namespace without an association of vector gets one;
 *   <li>the library's association naming another role is updated;
 *   <li>an association the library did not create is never touched (nor duplicated: EKS allows one per namespace
 *       and service account); naming another role, it is reported as a conflict;
 *   <li>the library's associations in host namespaces of control planes that are gone are deleted, unless pruning
 *       is off;
 *   <li>a plan that would take the cluster past 5,000 associations is blocked.
 * </ul>
 */
final class AssociationPlanner {
  private AssociationPlanner() {}

  /**
   * @param target the cluster, service account, role and tags
   * @param hostNamespaces the provisioned control planes' host namespaces
   * @param existing the service account's described associations, by namespace (for {@code hostNamespaces} and
   *     {@code gone})
   * @param gone host namespaces of control planes that are gone, which hold an association of the service account
   * @param prune whether to delete the library's associations in {@code gone}
   * @param existingTotal every association of the cluster, whatever its namespace or service account
   */
  static AssociationPlan plan(PodIdentityTarget target, Collection<String> hostNamespaces,
      Map<String, Association> existing, Set<String> gone, boolean prune, int existingTotal) {
    return plan(target, hostNamespaces, existing, gone, prune, existingTotal, a -> { });
  }

  /**
   * The plan, whose creations and updates tell {@code outcome} of the association EKS holds once each is applied.
   *
   * @see #plan(PodIdentityTarget, Collection, Map, Set, boolean, int)
   */
  static AssociationPlan plan(PodIdentityTarget target, Collection<String> hostNamespaces,
      Map<String, Association> existing, Set<String> gone, boolean prune, int existingTotal,
      Consumer<Association> outcome) {
    String sa = target.serviceAccount();
    String roleArn = target.roleArn();
    List<Change> creates = new ArrayList<>();
    List<Change> updates = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    int foreignOk = 0;

    for (String ns : hostNamespaces) {
      Association a = existing.get(ns);
      if (a == null) {
        creates.add(new CreateAssociation(new NewAssociation(target.cluster(), ns, sa, roleArn, target.tags()),
            outcome));
      } else if (AssociationWrites.owned(a)) {
        if (!a.roleArn().equals(roleArn)) {
          updates.add(new UpdateAssociation(target.cluster(), a.associationId(), ns, sa, a.roleArn(), roleArn,
              outcome));
        }
      } else if (!a.roleArn().equals(roleArn)) {
        conflicts.add(ns);
        notes.add("conflict: " + AssociationConflictException.describe(a, roleArn) + ". "
            + AssociationConflictException.remedy(a, roleArn));
      } else {
        foreignOk++;
      }
    }
    if (foreignOk > 0) {
      notes.add(foreignOk + " association(s) not created by billing-identity already give vector the billing role: "
          + "left as they are (destroy will not remove them)");
    }

    List<DeleteAssociation> deletes = new ArrayList<>();
    Set<String> goneSorted = new TreeSet<>(gone);
    if (prune) {
      for (String ns : goneSorted) {
        Association a = existing.get(ns);
        if (a != null && AssociationWrites.owned(a)) {
          deletes.add(new DeleteAssociation(target.cluster(), a.associationId(), ns, sa, false));
        }
      }
    } else if (!goneSorted.isEmpty()) {
      notes.add(goneSorted.size() + " association(s) of " + sa + " in host namespaces of control planes that are "
          + "gone are kept (pruning is off): " + abbreviate(goneSorted));
    }

    int max = PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER;
    int after = existingTotal + creates.size() - deletes.size();
    Optional<AssociationLimitException> blocker = after > max
        ? Optional.of(new AssociationLimitException(target.cluster(), existingTotal, creates.size(), deletes.size()))
        : Optional.empty();
    // Creations that only fit once the deletions are done must not race them: run those deletions first, serially.
    boolean needRoom = !creates.isEmpty() && existingTotal + creates.size() > max;
    List<Change> changes = new ArrayList<>();
    deletes.forEach(d -> changes.add(needRoom
        ? new DeleteAssociation(d.clusterName(), d.associationId(), d.namespace(), d.serviceAccount(), true) : d));
    changes.addAll(updates);
    changes.addAll(creates);
    return new AssociationPlan(changes, notes, conflicts, after, blocker);
  }

  /** The first few names, for a note that stays one line long. */
  static String abbreviate(Collection<String> names) {
    List<String> list = List.copyOf(names);
    return list.size() <= 5 ? list.toString()
        : list.subList(0, 5).toString().replace("]", ", ... and " + (list.size() - 5) + " more]");
  }
}
