package dev.billingidentity.examples.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The operator's Prometheus metrics (Micrometer), served at {@code /metrics}:
 *
 * <ul>
 *   <li>{@code billing_identity_aws_calls_total{operation}}: AWS calls by port operation (e.g. {@code iam.findRole},
 *       {@code eks.createPodIdentityAssociation}), as the library's ports count them, before the SDK's retries;
 *   <li>{@code billing_identity_reconciles_total{kind}}: passes over one {@code BillingIdentity}, by kind
 *       ({@code FullResync}, {@code Incremental}, {@code Delete});
 *   <li>{@code billing_identity_reconcile_failures_total} and {@code billing_identity_blocked_total};
 *   <li>{@code billing_identity_writes_total}: changes applied and workloads restarted;
 *   <li>{@code billing_identity_queue_depth}: change signals waiting for the next pass;
 *   <li>{@code billing_identity_time_to_credentials_seconds}: from the operator seeing a new control plane to its
 *       vector pods having credentials (a histogram);
 *   <li>{@code billing_identity_leader}: 1 on the replica that holds the lease.
 * </ul>
 */
public final class OperatorMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter failures;
  private final Counter blocked;
  private final Counter writes;
  private final Timer timeToCredentials;

  /**
   * @param queueDepth the change signals waiting
   * @param leader 1 while this replica leads, else 0
   */
  public OperatorMetrics(DoubleSupplier queueDepth, DoubleSupplier leader) {
    failures = Counter.builder("billing_identity_reconcile_failures")
        .description("passes over one BillingIdentity that failed (retried with backoff)").register(registry);
    blocked = Counter.builder("billing_identity_blocked")
        .description("passes that wrote nothing because a person must act (Blocked=True)").register(registry);
    writes = Counter.builder("billing_identity_writes")
        .description("changes applied and workloads restarted").register(registry);
    timeToCredentials = Timer.builder("billing_identity_time_to_credentials")
        .description("from the operator seeing a new control plane to its vector pods having credentials")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    Gauge.builder("billing_identity_queue_depth", queueDepth::getAsDouble)
        .description("change signals waiting for the next pass").register(registry);
    Gauge.builder("billing_identity_leader", leader::getAsDouble)
        .description("1 on the replica that holds the lease").register(registry);
  }

  /** Records a pass over one resource. */
  void passed(PassResult pass) {
    Counter.builder("billing_identity_reconciles").tag("kind", pass.kind())
        .description("passes over one BillingIdentity, by kind").register(registry).increment();
    writes.increment(pass.changes().size() + pass.restarts().size());
    pass.timesToCredentials().forEach(timeToCredentials::record);
  }

  /** Records AWS calls, by port operation (every pass's, blocked and failed ones included). */
  void awsCalls(Map<String, Long> byOperation) {
    byOperation.forEach((op, n) -> Counter.builder("billing_identity_aws_calls").tag("operation", op)
        .description("AWS calls, by port operation").register(registry).increment(n));
  }

  void failed() {
    failures.increment();
  }

  void blocked() {
    blocked.increment();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
