package dev.billingidentity.spi;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.verify.VerificationReport;

/**
 * A way of giving the billing workload its AWS identity: turns settings and the observed state into a plan, and
 * verifies the result. Found with {@link java.util.ServiceLoader} by {@link #mode()} (the
 * {@code billing-identity-aws-irsa} and {@code billing-identity-aws-pod-identity} artifacts each register one), or
 * passed in with {@link dev.billingidentity.BillingIdentity#withStrategy}.
 *
 * <p>{@link #plan} and {@link #destroyPlan} only read; all writes happen when the plan's changes are applied.
 */
public interface IdentityStrategy {
  /** {@return the mode this strategy implements} */
  IdentityMode mode();

  /** {@return the changes that bring AWS to the desired state for the chosen control planes} */
  Plan plan(StrategyContext context);

  /** Checks, per control plane and for the whole, that the identity works; never writes. */
  VerificationReport verify(StrategyContext context);

  /** {@return the changes that remove what the library created for this mode, and only that} */
  Plan destroyPlan(StrategyContext context);
}
