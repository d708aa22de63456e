package dev.billingidentity.spi.cluster;

import java.util.List;

/**
 * A workload's rollout state, and the images its pod template names (what new pods will run; pods made from an
 * earlier template may still run others until the rollout is complete, see {@link PodInfo#images()}).
 *
 * @param ref which workload
 * @param generation {@code metadata.generation}
 * @param observedGeneration {@code status.observedGeneration}
 * @param replicas {@code spec.replicas}
 * @param updatedReplicas {@code status.updatedReplicas}
 * @param readyReplicas {@code status.readyReplicas}
 * @param templateImages the images of the pod template's containers ({@code spec.template.spec.containers}), in order
 */
public record WorkloadInfo(
    WorkloadRef ref, long generation, long observedGeneration, int replicas, int updatedReplicas, int readyReplicas,
    List<ContainerImage> templateImages) {
  public WorkloadInfo {
    templateImages = List.copyOf(templateImages);
  }

  /** Whether the latest spec is rolled out: observed, every replica updated and ready. */
  public boolean rolloutComplete() {
    return observedGeneration >= generation && updatedReplicas >= replicas && readyReplicas >= replicas;
  }
}
