package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.policy.PolicyDocument;

/**
 * A change to a role's trust policy expressed as a function of what the policy holds when the change is applied,
 * not as a whole new document. IAM's {@code UpdateAssumeRolePolicy} has no precondition, so a writer that replaces
 * the whole document computed earlier would erase what another writer added in between; an edit is re-applied to
 * the latest document instead (see {@link UpdateTrustPolicy}). An edit touches only the library's own statements.
 */
public interface TrustEdit {
  /** {@return the trust policy after this edit, given the current one} Must be idempotent. */
  PolicyDocument applyTo(PolicyDocument current);

  /** What the edit does, in one line that names what it adds and removes, e.g. {@code remove 1 subject: <subject>}. */
  String describe();

  /** {@return the edit as JSON, for the plan} */
  ObjectNode toJson();
}
