package dev.billingidentity.plan;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.time.Clock;
import java.util.Objects;

/**
 * What a change needs to apply itself: the ports, the retry policy for AWS's transient answers, and the clock.
 *
 * @param aws the AWS ports
 * @param cluster the cluster port
 * @param retry how to wait and try again on throttling and eventual consistency
 * @param options timeouts and limits of the apply
 * @param clock the time source (restart timestamps)
 */
public record ApplyContext(AwsBackend aws, ClusterPort cluster, Retry retry, ApplyOptions options, Clock clock) {
  /** Refuses a null backend, cluster, retry, options or clock. */
  public ApplyContext {
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(clock, "clock");
  }
}
