package dev.billingidentity.kubernetes.controller;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a controller's counters, for metrics and health checks.
 *
 * @param leader whether this instance holds the lease now
 * @param reconciles reconcile passes started (successful or not)
 * @param failures passes that threw
 * @param writes the sum of {@link ReconcileOutcome#writes()} of successful passes
 * @param lastSuccess when the last pass succeeded, if any
 */
public record ControllerStats(boolean leader, long reconciles, long failures, long writes, Optional<Instant> lastSuccess) {}
