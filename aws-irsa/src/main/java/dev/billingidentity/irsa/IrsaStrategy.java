package dev.billingidentity.irsa;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.spi.IdentityStrategy;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.verify.VerificationReport;

/**
 * The IRSA strategy: the cluster's IAM OIDC provider, a role whose trust holds one exact
 * {@code system:serviceaccount:<host namespace>:vector} subject per provisioned control plane (the compact form:
 * one statement), the S3 policy, and the role-ARN annotation through the Space's Helm values. Registered for
 * {@link java.util.ServiceLoader}, so {@code BillingIdentity.irsa(...)} finds it on the classpath.
 */
public final class IrsaStrategy implements IdentityStrategy {
  @Override
  public IdentityMode mode() {
    return IdentityMode.IRSA;
  }

  @Override
  public Plan plan(StrategyContext context) {
    return IrsaPlanner.plan(context);
  }

  @Override
  public VerificationReport verify(StrategyContext context) {
    return IrsaVerifier.verify(context);
  }

  @Override
  public Plan destroyPlan(StrategyContext context) {
    return IrsaDestroyPlanner.plan(context);
  }
}
