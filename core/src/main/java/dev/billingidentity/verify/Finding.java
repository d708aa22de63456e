package dev.billingidentity.verify;

import dev.billingidentity.space.ControlPlane;
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
  /** Refuses a null component (the remedy and the workload may be empty). */
  public Finding {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(remedy, "remedy");
    Objects.requireNonNull(workload, "workload");
  }

  /** A check that passed. */
  public static Finding ok(String subject, String check, String detail) {
    return new Finding(subject, check, FindingState.OK, detail, "", Optional.empty());
  }

  /** A check that did not pass, in {@code state}, with what to do about it. */
  public static Finding problem(String subject, String check, FindingState state, String detail, String remedy) {
    return new Finding(subject, check, state, detail, remedy, Optional.empty());
  }

  /** Pods of {@code workload} that started before their identity: a restart gives them credentials. */
  public static Finding stalePods(String subject, WorkloadRef workload, String detail) {
    return new Finding(subject, "pod-env", FindingState.STALE_PODS, detail,
        "kubectl rollout restart " + workload.kind().kubectlName() + " " + workload.name() + " -n "
            + workload.namespace() + " (or restartStale())",
        Optional.of(workload));
  }

  /**
   * The finding of a chosen control plane that is not provisioned. Not provisioned yet: {@link FindingState#PENDING}
   * (waiting fixes it). Refused, its host namespace not trusted (see {@link ControlPlane#notProvisionedReason()}):
   * {@link FindingState#MISSING}, since no identity is given until a person acts, and a verification that called it
   * healthy would promise billing that does not happen.
   */
  public static Finding notProvisioned(ControlPlane cp) {
    String subject = cp.hostNamespace().orElse(cp.displayName());
    return cp.notProvisionedReason()
        .map(reason -> problem(subject, "host-namespace", FindingState.MISSING,
            "control plane " + cp.displayName() + " is not provisioned: " + reason,
            cp.group().isPresent()
                ? "check the ControlPlane's spec.hostNamespace.name; only if the namespace really is its host "
                    + "namespace, have it labelled as Spaces labels host namespaces (or opt in: "
                    + "trustUnlabelledHostNamespaces)"
                : "give the control plane's own host namespace (mxp-<id>-system), not a system namespace"))
        .orElseGet(() -> problem(subject, "provisioned", FindingState.PENDING,
            "control plane " + cp.displayName() + " is not provisioned yet", "wait; apply() again once it is"));
  }

  /** {@return whether the check passed} */
  public boolean isOk() {
    return state == FindingState.OK;
  }

  @Override
  public String toString() {
    return String.format("%-11s %s %s: %s%s", state, subject, check, detail, remedy.isEmpty() ? "" : " -> " + remedy);
  }
}
