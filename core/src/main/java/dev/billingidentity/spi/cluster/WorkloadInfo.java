package dev.billingidentity.spi.cluster;

/**
 * A workload's rollout state.
 *
 * @param ref which workload
 * @param generation {@code metadata.generation}
 * @param observedGeneration {@code status.observedGeneration}
 * @param replicas {@code spec.replicas}
 * @param updatedReplicas {@code status.updatedReplicas}
 * @param readyReplicas {@code status.readyReplicas}
 */
public record WorkloadInfo(
    WorkloadRef ref, long generation, long observedGeneration, int replicas, int updatedReplicas, int readyReplicas) {
  /** {@return whether the latest spec is rolled out: observed, every replica updated and ready} */
  public boolean rolloutComplete() {
    return observedGeneration >= generation && updatedReplicas >= replicas && readyReplicas >= replicas;
  }
}
