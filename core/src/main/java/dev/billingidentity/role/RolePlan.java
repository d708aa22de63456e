package dev.billingidentity.role;

import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.PolicyDocument;
import java.util.List;

/**
 * The role's part of a plan.
 *
 * @param changes the writes, in order
 * @param desiredTrust the trust policy after the plan
 * @param capacity the desired trust measured against the quota
 * @param notes what the caller should know
 */
public record RolePlan(List<Change> changes, PolicyDocument desiredTrust, TrustCapacity capacity, List<String> notes) {
  /** Copies the changes and the notes. */
  public RolePlan {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }
}
