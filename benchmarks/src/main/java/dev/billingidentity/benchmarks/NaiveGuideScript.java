package dev.billingidentity.benchmarks;

import java.time.Duration;

/**
 * The baseline: the guide's commands run literally, one control plane at a time, one call per step, nothing
 * batched or concurrent. Its wall time is the number of calls it must make times the latency of one call, which is
 * what a script of {@code aws} and {@code kubectl} commands costs (it ignores the CLIs' own start-up, which only
 * makes it slower).
 *
 * <p>Per control plane, IRSA: {@code aws iam get-role} and {@code aws iam update-assume-role-policy} (adding its
 * subject), {@code kubectl get serviceaccount vector}, {@code kubectl get pods}. Pod Identity:
 * {@code aws eks create-pod-identity-association}, {@code kubectl get serviceaccount vector},
 * {@code kubectl get pods}. Once per run: the role and its policy (2 calls), and for IRSA the OIDC provider (2).
 */
final class NaiveGuideScript {
  private NaiveGuideScript() {}

  static long firstApply(String mode, int controlPlanes, Duration latency) {
    int once = mode.equals("irsa") ? 4 : 2;
    int perControlPlane = mode.equals("irsa") ? 4 : 3;
    return (once + (long) perControlPlane * controlPlanes) * latency.toMillis();
  }

  /** A script cannot tell what is already done without checking every control plane again. */
  static long reapply(String mode, int controlPlanes, Duration latency) {
    int perControlPlane = mode.equals("irsa") ? 3 : 3; // get-role or list, kubectl get sa, kubectl get pods
    return (long) perControlPlane * controlPlanes * latency.toMillis();
  }

  /** Every control plane is checked again; new ones get the first-apply steps, removed ones one delete each. */
  static long churn(String mode, int controlPlanes, int changed, Duration latency) {
    return reapply(mode, controlPlanes, latency) + (long) changed * (mode.equals("irsa") ? 2 : 2) * latency.toMillis();
  }
}
