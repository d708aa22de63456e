package dev.billingidentity.kubernetes.controller;

import java.util.Objects;

/**
 * What a reconcile pass did.
 *
 * @param writes how many changes it made (cloud writes, restarts); 0 when everything was already in place
 * @param summary one line for the controller's status log, e.g. {@code 42 control planes, trust policy unchanged}
 */
public record ReconcileOutcome(int writes, String summary) {
  /**
   * Checks the outcome.
   *
   * @throws IllegalArgumentException when {@code writes} is negative
   */
  public ReconcileOutcome {
    if (writes < 0) {
      throw new IllegalArgumentException("writes must not be negative: " + writes);
    }
    Objects.requireNonNull(summary, "summary");
  }
}
