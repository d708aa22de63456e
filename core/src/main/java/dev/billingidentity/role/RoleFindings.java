package dev.billingidentity.role;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings about the billing role that both modes verify: it exists, it is the library's, its S3 policy, its
 * guardrails (permissions boundary, tags, session duration, description).
 */
public final class RoleFindings {
  private RoleFindings() {}

  /** {@return whether the role exists and is owned; empty list plus MISSING when it does not exist} */
  public static List<Finding> existence(RoleObservation role, IdentitySettings settings) {
    List<Finding> out = new ArrayList<>();
    String name = settings.role().name();
    if (role.role().isEmpty()) {
      out.add(Finding.problem("role", "exists", FindingState.MISSING, "role " + name + " does not exist", "apply()"));
      return out;
    }
    out.add(role.owned()
        ? Finding.ok("role", "exists", role.role().get().arn())
        : Finding.problem("role", "owned", FindingState.DRIFTED, "role " + name + " is not tagged "
            + Ownership.TAG_KEY, "adopt it explicitly (adoptExistingRole) or choose another role"));
    return out;
  }

  /**
   * Whether the library's inline policy grants exactly the billing S3 access {@code wanted}: the bucket's, and its
   * KMS key's when its default encryption uses a customer managed key
   * ({@link dev.billingidentity.bucket.BucketCheck#s3Access()}).
   */
  public static Finding permissionPolicy(RoleObservation role, IdentitySettings settings, PolicyDocument wanted) {
    boolean ok = role.permissionPolicy().map(p -> p.isEquivalentTo(wanted)).orElse(false);
    return ok
        ? Finding.ok("s3-policy", "equivalent", settings.permissionPolicyName())
        : Finding.problem("s3-policy", "equivalent",
            role.permissionPolicy().isPresent() ? FindingState.DRIFTED : FindingState.MISSING,
            "inline policy " + settings.permissionPolicyName() + " does not grant exactly the billing S3 access",
            "apply()");
  }

  /**
   * The role's guardrails as the settings name them ({@link RoleGuardrails}): nothing when the role does not exist
   * (see {@link #existence}) or the settings name none.
   */
  public static List<Finding> guardrails(RoleObservation role, IdentitySettings settings) {
    return role.role().map(r -> RoleGuardrails.findings(r, settings.role(), settings.repairPermissionsBoundary()))
        .orElse(List.of());
  }
}
