package dev.billingidentity.testing.fault;

import java.util.Set;

/**
 * How a fake answers the faults it is told to inject, in its service's own words: IAM answers throttling with
 * {@code 400 Throttling: Rate exceeded}, EKS with {@code 429 TooManyRequestsException}, the Kubernetes API server with
 * {@code 429 TooManyRequests}. Each fake gives its {@link Faults} one of these, so that a test says <em>what</em> goes
 * wrong and the fake says it the way the real service does. A fake of several services (the AWS fake: IAM, STS, EKS,
 * EKS Auth, S3) names the service of each operation, the scope of a {@linkplain Faults#rateLimit rate limit}.
 */
public interface FaultAnswers {
  /** The error the service answers when the caller sends too fast. */
  RuntimeException throttling(String operation);

  /** The error the service answers when it fails on its side (HTTP 500). */
  RuntimeException serverError(String operation);

  /**
   * The service that answers {@code operation}, whose rate limit it counts against: one of {@link #services()}. A
   * fake of one service answers {@link Faults#ANY} for every operation.
   */
  default String service(String operation) {
    return Faults.ANY;
  }

  /** The services this fake answers for, e.g. {@code IAM} and {@code EKS}; {@link Faults#ANY} for a fake of one. */
  default Set<String> services() {
    return Set.of(Faults.ANY);
  }
}
