package dev.billingidentity.irsa;

import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import java.util.List;
import java.util.function.Function;

/**
 * Measures an IRSA trust policy against the account's quota, and how many more control planes would fit: each
 * exact subject adds its own length plus two quotes and a comma.
 */
final class IrsaCapacity implements Function<PolicyDocument, TrustCapacity> {
  /** {@code system:serviceaccount:mxp-<36-char uuid>-system:vector}: the usual length of a subject. */
  private static final int TYPICAL_SUBJECT = Subjects.of("mxp-706c49fa-5bb8-4a7e-9f41-2fc38ef4b065-system", "vector")
      .length();

  private final IrsaTarget target;

  IrsaCapacity(IrsaTarget target) {
    this.target = target;
  }

  @Override
  public TrustCapacity apply(PolicyDocument trust) {
    List<String> subjects = BillingPolicies.irsaSubjects(trust, target.issuer());
    int longest = subjects.stream().mapToInt(String::length).max().orElse(TYPICAL_SUBJECT);
    int quota = target.settings().trustPolicyQuota();
    int size = trust.size();
    int room = Math.max(0, quota - size) / (longest + 3);
    return new TrustCapacity(size, quota, subjects.size(), room);
  }
}
