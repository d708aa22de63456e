package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.WorkloadInfo;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

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
  static RolloutProgress of(Deployment d) {
    var status = d.getStatus();
    int total = status == null || status.getReplicas() == null ? 0 : status.getReplicas();
    int updated = status == null || status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
    return new RolloutProgress(WorkloadStates.of(d), Math.max(0, total - updated));
  }

  static RolloutProgress of(StatefulSet s) {
    return new RolloutProgress(WorkloadStates.of(s), 0);
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
