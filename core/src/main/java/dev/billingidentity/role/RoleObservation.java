package dev.billingidentity.role;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.Optional;

/**
 * What IAM holds for the billing role: the role, its trust policy (parsed strictly) and the library's inline policy.
 * Two IAM reads, whatever the number of control planes.
 */
public record RoleObservation(
    Optional<RoleInfo> role, Optional<PolicyDocument> trust, Optional<PolicyDocument> permissionPolicy) {

  /** Reads the role and its inline policy {@code policyName}. */
  public static RoleObservation read(IamPort iam, String roleName, String policyName) {
    Optional<RoleInfo> role = iam.findRole(roleName);
    if (role.isEmpty()) {
      return new RoleObservation(Optional.empty(), Optional.empty(), Optional.empty());
    }
    Optional<PolicyDocument> trust = Optional.of(TrustPolicies.parseStrict(role.get()));
    Optional<PolicyDocument> policy = iam.findRolePolicy(roleName, policyName).map(PolicyDocument::parse);
    return new RoleObservation(role, trust, policy);
  }

  /** {@return whether the role exists and carries the library's ownership tag} */
  public boolean owned() {
    return role.map(r -> Ownership.isOwned(r.tags())).orElse(false);
  }
}
