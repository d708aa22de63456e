package dev.billingidentity.podidentity;

import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.PolicyDocument;
import java.util.function.Function;

/**
 * Measures a Pod Identity trust policy against the account's quota. The trust names no subject and does not grow with
 * control planes (one statement for {@code pods.eks.amazonaws.com} serves them all), so what limits the number of
 * control planes is EKS's 5,000 associations per cluster: {@code moreSubjectsThatFit} reports that room.
 *
 * @param quota the trust policy size quota to measure against
 * @param associationsAfter the cluster's associations once the plan is applied
 */
record PodIdentityCapacity(int quota, int associationsAfter) implements Function<PolicyDocument, TrustCapacity> {
  @Override
  public TrustCapacity apply(PolicyDocument trust) {
    int room = Math.max(0, PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER - associationsAfter);
    return new TrustCapacity(trust.size(), quota, 0, room);
  }
}
