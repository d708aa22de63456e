package dev.billingidentity.examples.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one reconcile of one {@code BillingIdentity} did, for its status, its Events and the metrics.
 *
 * @param kind {@code FullResync}, {@code Incremental} or {@code Delete}
 * @param changes the changes applied, as the library describes them (one Event each)
 * @param restarts the workloads restarted, as kubectl names them
 * @param awsCalls the AWS port calls made, by operation ({@code iam.findRole}, {@code eks.createPodIdentityAssociation})
 * @param problems what still keeps vector of a control plane from billing, by host namespace or subject
 * @param timesToCredentials for each control plane given credentials by this pass, how long after the operator saw
 *     it its pods had them
 * @param summary one line
 */
record PassResult(String kind, List<String> changes, List<String> restarts, Map<String, Long> awsCalls,
    Map<String, String> problems, List<Duration> timesToCredentials, String summary) {
  PassResult {
    Objects.requireNonNull(kind, "kind");
    changes = List.copyOf(changes);
    restarts = List.copyOf(restarts);
    awsCalls = Map.copyOf(awsCalls);
    problems = Map.copyOf(problems);
    timesToCredentials = List.copyOf(timesToCredentials);
    Objects.requireNonNull(summary, "summary");
  }

  /** The AWS calls in all. */
  long awsCallCount() {
    return awsCalls.values().stream().mapToLong(Long::longValue).sum();
  }
}
