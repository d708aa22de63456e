package dev.billingidentity.role;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.plan.TrustCapacity;

/**
 * The trust policy would pass the account's size quota. Raised before any write, with the numbers and the ways out.
 */
public final class TrustPolicyQuotaException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  private final transient TrustCapacity capacity;

  /** The trust policy of {@code roleName} would not fit its quota: its capacity says by how much. */
  public TrustPolicyQuotaException(String roleName, TrustCapacity capacity) {
    super("the trust policy of role '" + roleName + "' would be " + capacity.size() + " characters with "
        + capacity.subjects() + " subjects, over the account's quota of " + capacity.quota()
        + " (IAM would answer LimitExceeded: Cannot exceed quota for ACLSizePerRole: " + capacity.quota()
        + "). Nothing was written. Ways out: (1) raise the IAM quota 'Role trust policy length' (L-C07B4B0D) in "
        + "Service Quotas and tell the library the new value (trustPolicyQuota / --trust-policy-quota); (2) switch "
        + "to EKS Pod Identity, whose trust does not grow with control planes; (3) opt in to the host-namespace "
        + "pattern (allowHostNamespacePattern / --allow-host-namespace-pattern), which trusts "
        + "system:serviceaccount:mxp-*-system:vector with StringLike.");
    this.capacity = capacity;
  }

  /** {@return the size, the quota and the subjects that fit} */
  public TrustCapacity capacity() {
    return capacity;
  }
}
