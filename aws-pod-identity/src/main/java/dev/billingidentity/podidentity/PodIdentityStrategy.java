package dev.billingidentity.podidentity;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.spi.IdentityStrategy;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.verify.VerificationReport;

/**
 * The EKS Pod Identity strategy: a role whose trust lets {@code pods.eks.amazonaws.com} assume it for this account
 * and cluster only ({@code aws:SourceAccount}, {@code aws:SourceArn}), the billing S3 policy, the
 * {@code eks-pod-identity-agent} add-on, and one pod identity association per provisioned control plane (host
 * namespace, {@code vector}, the role). Registered for {@link java.util.ServiceLoader}, so
 * {@code BillingIdentity.podIdentity(...)} finds it on the classpath:
 *
 * <pre>{@code
 * ApplyResult result = BillingIdentity.podIdentity(PodIdentitySettings.builder()
 *         .cluster("spaces-prod")
 *         .role(IamRole.named("spaces-billing"))
 *         .storage(BillingStorage.s3("us-east-1", "acme-billing"))
 *         .build())
 *     .forControlPlanes(ControlPlanes.discovered())
 *     .apply();
 * }</pre>
 *
 * <p>Plans describe one association per control plane ({@code ListPodIdentityAssociations} carries no role),
 * {@link dev.billingidentity.plan.ApplyOptions#concurrency()} at a time; the context's ports retry those reads on
 * throttling. The verification after an apply lists again and, for each association that list shows with the id this
 * operation knows, reuses what the apply's writes answered or, when the plan left it untouched, what the plan
 * described; it describes only the others, so a no-op re-apply describes each association once. A verification on
 * its own describes them all. The one change this cannot see (a role changed in place by someone else during the
 * apply) is named in BENCHMARKS.md and pinned by a test.
 */
public final class PodIdentityStrategy implements IdentityStrategy {
  /** The strategy {@link java.util.ServiceLoader} makes. */
  public PodIdentityStrategy() {}

  @Override
  public IdentityMode mode() {
    return IdentityMode.POD_IDENTITY;
  }

  @Override
  public Plan plan(StrategyContext context) {
    return PodIdentityPlanner.plan(PodIdentityObservation.readWithBucket(context),
        context.settings().trustPolicyQuota());
  }

  @Override
  public VerificationReport verify(StrategyContext context) {
    return PodIdentityVerifier.verify(PodIdentityObservation.readWithBucket(context));
  }

  @Override
  public Plan destroyPlan(StrategyContext context) {
    return PodIdentityDestroyPlanner.plan(PodIdentityObservation.readAllAssociations(context));
  }
}
