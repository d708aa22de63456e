package dev.billingidentity.awssdk;

import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS calls counted by an {@link AwsCallCounter}, by operation ({@code IAM:GetRole}, {@code EKS:CreateAddon}).
 *
 * @param calls logical calls: one per SDK method call, however often it was retried
 * @param attempts HTTP attempts: the first try and each retry
 */
public record AwsCallCounts(Map<String, Long> calls, Map<String, Long> attempts) {
  /** Copies the counts: they are a snapshot. */
  public AwsCallCounts {
    calls = Map.copyOf(calls);
    attempts = Map.copyOf(attempts);
  }

  /** Logical calls of one operation, e.g. {@code calls("IAM:GetRole")}. */
  public long calls(String operation) {
    return calls.getOrDefault(operation, 0L);
  }

  /** HTTP attempts of one operation, retries included. */
  public long attempts(String operation) {
    return attempts.getOrDefault(operation, 0L);
  }

  /** All logical calls. */
  public long totalCalls() {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  /** All HTTP attempts. */
  public long totalAttempts() {
    return attempts.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return totalCalls() + " AWS calls, " + totalAttempts() + " attempts: " + new TreeMap<>(calls);
  }
}
