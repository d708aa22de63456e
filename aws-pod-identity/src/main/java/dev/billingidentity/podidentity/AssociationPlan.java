package dev.billingidentity.podidentity;

import dev.billingidentity.plan.Change;
import java.util.List;
import java.util.Optional;

/**
 * The associations' part of a Pod Identity plan.
 *
 * @param changes deletions first, then updates and creations
 * @param notes what the caller should know: conflicts with associations the library did not create, associations
 *     kept because pruning is off
 * @param conflicts the host namespaces whose vector association belongs to someone else and names another role
 * @param associationsAfter how many associations the cluster will have once the plan is applied
 * @param blocker why the plan must not be applied (past the 5,000 limit), if it must not
 */
record AssociationPlan(
    List<Change> changes, List<String> notes, List<String> conflicts, int associationsAfter,
    Optional<AssociationLimitException> blocker) {
  AssociationPlan {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
    conflicts = List.copyOf(conflicts);
  }
}
