package dev.billingidentity.kubernetes.controller;

/**
 * One reconcile pass, given by the caller, e.g. {@code BillingIdentity.apply()} followed by {@code restartStale()}.
 * It must be idempotent: the controller runs it again after any change and after a failure.
 */
@FunctionalInterface
public interface Reconciler {
  /**
   * Brings the cloud identity in line with the cluster. A thrown exception counts as a failure and is retried with
   * backoff; an interrupt means the controller lost its lease or is closing and the pass should stop.
   */
  ReconcileOutcome reconcile() throws Exception;
}
