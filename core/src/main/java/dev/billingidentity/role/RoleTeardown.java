package dev.billingidentity.role;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.plan.TrustCapacity;
import java.util.List;

/**
 * Plans the removal of one mode's part of the billing role, and only that: the mode's trust statements; the S3
 * policy and the role too when nothing else uses them (no other statement in the trust, not even the library's
 * statement of the other mode during a migration). Only a destroy of the whole Space ({@link DestroyScope}) goes this
 * far; a part of the Space keeps the role ({@link #keep}). Shared by both strategies' destroy plans.
 */
public final class RoleTeardown {
  private RoleTeardown() {}

  /**
   * Adds to {@code plan} what removes the mode's use of the role.
   *
   * @param sidPrefix the Sid prefix of the mode's statements, e.g. {@link BillingPolicies#IRSA_SID}
   * @param otherMode how to name the other mode in a note, e.g. {@code Pod Identity}
   */
  public static void plan(Plan.Builder plan, RoleObservation role, IdentitySettings settings, String sidPrefix,
      String otherMode) {
    String roleName = settings.role().name();
    if (role.role().isEmpty()) {
      return;
    }
    if (!role.owned()) {
      plan.note("role " + roleName + " is not managed by billing-identity: left as it is");
      return;
    }
    PolicyDocument trust = role.trust().orElseThrow();
    ReplaceOwnedStatements remove = new ReplaceOwnedStatements(sidPrefix, List.of());
    PolicyDocument after = remove.applyTo(trust);
    if (after.statements().isEmpty()) {
      if (role.permissionPolicy().isPresent()) {
        plan.add(new DeleteRolePolicy(roleName, settings.permissionPolicyName()));
      }
      plan.add(new DeleteRole(roleName, settings.permissionPolicyName()));
      return;
    }
    if (!after.equals(trust)) {
      // Removing statements only shrinks the trust: there is no quota to check.
      plan.add(new UpdateTrustPolicy(roleName, remove, Integer.MAX_VALUE,
          doc -> new TrustCapacity(doc.size(), Integer.MAX_VALUE, 0, 0)));
    }
    if (!after.statementsWithSidPrefix(BillingPolicies.OWNED_SID_PREFIX).isEmpty()) {
      plan.note("role " + roleName + " and its S3 policy are kept: the library's " + otherMode
          + " statement uses them");
      return;
    }
    if (role.permissionPolicy().isPresent()) {
      plan.add(new DeleteRolePolicy(roleName, settings.permissionPolicyName()));
    }
    plan.note("role " + roleName + " is kept: its trust policy holds statements billing-identity did not write");
  }

  /**
   * Notes that a destroy of a part of the Space keeps the role and its S3 policy, whatever the part's own changes
   * removed: other control planes may still use them, and only a destroy of the whole Space removes them.
   *
   * @param alsoKept what else of the role the part keeps, e.g. {@code the library's Pod Identity statement}; or
   *     {@code null}
   * @param coversEverythingLeft what the part happens to cover when nothing of the mode is left outside it, e.g.
   *     {@code every subject left}; or {@code null}
   */
  public static void keep(Plan.Builder plan, RoleObservation role, IdentitySettings settings, DestroyScope scope,
      String alsoKept, String coversEverythingLeft) {
    String roleName = settings.role().name();
    if (role.role().isEmpty()) {
      plan.note("role " + roleName + " does not exist: nothing of it to remove");
      return;
    }
    if (!role.owned()) {
      plan.note("role " + roleName + " is not managed by billing-identity: left as it is");
      return;
    }
    String kept = "role " + roleName + (alsoKept == null ? " and" : ",") + " its S3 policy "
        + settings.permissionPolicyName() + (alsoKept == null ? "" : " and " + alsoKept) + " are kept";
    String wayOut = "destroying the whole Space (ControlPlanes.discovered(); CLI: --discover with no --group) "
        + "removes them";
    if (coversEverythingLeft != null) {
      plan.note("the selection (" + scope.describe() + ") covers " + coversEverythingLeft + ", but it is not the "
          + "whole Space: " + kept + "; " + wayOut);
    } else {
      plan.note(kept + ": the selection (" + scope.describe() + ") is not the whole Space; " + wayOut);
    }
  }
}
