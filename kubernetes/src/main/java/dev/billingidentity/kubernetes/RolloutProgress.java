package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * How far a workload's rollout has got, judged as {@code kubectl rollout status} does: the port's
 * {@link WorkloadInfo#rolloutComplete()} (new generation observed, every replica updated and ready) and, for a
 * Deployment, no old replica left. With a surge, the new pod is ready while the old one still runs for a moment; a
 * caller that verifies right after the wait would see that old pod without the identity and restart again.
 *
 * @param workload the workload's state as the port reports it
 * @param oldReplicas a Deployment's pods not yet replaced ({@code status.replicas - status.updatedReplicas}); always 0
 *     for a StatefulSet, which deletes an old pod before it creates its replacement
 */
record RolloutProgress(WorkloadInfo workload, int oldReplicas) {
  /** The progress of {@code workload}, a Deployment or a StatefulSet as {@code kind} says, read untyped. */
  static RolloutProgress of(WorkloadKind kind, GenericKubernetesResource workload) {
    int old = kind == WorkloadKind.DEPLOYMENT
        ? (int) Math.max(0, ObjectFields.number(workload, 0, "status", "replicas")
            - ObjectFields.number(workload, 0, "status", "updatedReplicas"))
        : 0;
    return new RolloutProgress(WorkloadStates.of(kind, workload), old);
  }

  /** Whether the rollout is complete. */
  boolean complete() {
    return workload.rolloutComplete() && oldReplicas == 0;
  }

  /** The numbers, for a timeout's message. */
  @Override
  public String toString() {
    return "generation " + workload.generation() + ", observed " + workload.observedGeneration()
        + ", replicas " + workload.replicas() + ", updated " + workload.updatedReplicas()
        + ", ready " + workload.readyReplicas() + ", old " + oldReplicas;
  }
}
