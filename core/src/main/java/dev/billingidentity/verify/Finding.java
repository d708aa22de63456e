package dev.billingidentity.verify;

import dev.billingidentity.spi.cluster.WorkloadRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified fact and, when it is not as it should be, what to do about it.
 *
 * @param subject what was checked: {@code role}, {@code oidc-provider}, {@code s3-policy}, {@code addon}, or a host
 *     namespace
 * @param check the check's name, e.g. {@code trust-subject}, {@code service-account-annotation}, {@code pod-env}
 * @param state the outcome
 * @param detail what was found, in words
 * @param remedy what fixes it (empty when OK)
 * @param workload the workload to restart, for {@link FindingState#STALE_PODS}
 */
public record Finding(
    String subject, String check, FindingState state, String detail, String remedy, Optional<WorkloadRef> workload) {
  public Finding {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(remedy, "remedy");
    Objects.requireNonNull(workload, "workload");
  }

  public static Finding ok(String subject, String check, String detail) {
    return new Finding(subject, check, FindingState.OK, detail, "", Optional.empty());
  }

  public static Finding problem(String subject, String check, FindingState state, String detail, String remedy) {
    return new Finding(subject, check, state, detail, remedy, Optional.empty());
  }

  public static Finding stalePods(String subject, WorkloadRef workload, String detail) {
    return new Finding(subject, "pod-env", FindingState.STALE_PODS, detail,
        "kubectl rollout restart " + workload.kind().kubectlName() + " " + workload.name() + " -n "
            + workload.namespace() + " (or restartStale())",
        Optional.of(workload));
  }

  public boolean isOk() {
    return state == FindingState.OK;
  }

  @Override
  public String toString() {
    return String.format("%-11s %s %s: %s%s", state, subject, check, detail, remedy.isEmpty() ? "" : " -> " + remedy);
  }
}
