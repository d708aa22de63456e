package dev.billingidentity.testing.fault;

/**
 * How a fake answers the faults it is told to inject, in its service's own words: IAM answers throttling with
 * {@code 400 Throttling: Rate exceeded}, EKS with {@code 429 TooManyRequestsException}, the Kubernetes API server with
 * {@code 429 TooManyRequests}. Each fake gives its {@link Faults} one of these, so that a test says <em>what</em> goes
 * wrong and the fake says it the way the real service does.
 */
public interface FaultAnswers {
  /** The error the service answers when the caller sends too fast. */
  RuntimeException throttling(String operation);

  /** The error the service answers when it fails on its side (HTTP 500). */
  RuntimeException serverError(String operation);
}
