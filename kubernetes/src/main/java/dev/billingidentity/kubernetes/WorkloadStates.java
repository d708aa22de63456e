package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ContainerImage;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/**
 * Reads a workload's rollout state and its pod template's images; absent numbers (a fresh object, a status not
 * written yet) count as 0. A Deployment and a StatefulSet keep these fields at the same paths.
 */
final class WorkloadStates {
  private WorkloadStates() {}

  /** The state of {@code workload}, a Deployment or a StatefulSet as {@code kind} says, listed untyped. */
  static WorkloadInfo of(WorkloadKind kind, GenericKubernetesResource workload) {
    return new WorkloadInfo(
        new WorkloadRef(kind, workload.getMetadata().getNamespace(), workload.getMetadata().getName()),
        workload.getMetadata().getGeneration() == null ? 0 : workload.getMetadata().getGeneration(),
        ObjectFields.number(workload, 0, "status", "observedGeneration"),
        replicas(workload),
        (int) ObjectFields.number(workload, 0, "status", "updatedReplicas"),
        (int) ObjectFields.number(workload, 0, "status", "readyReplicas"),
        images(ObjectFields.objects(workload, "spec", "template", "spec", "containers")));
  }

  /**
   * The replicas the spec asks for: the API server defaults {@code spec.replicas} to 1, so only an object that never
   * went through it lacks the field; an object without a spec asks for none.
   */
  private static int replicas(GenericKubernetesResource workload) {
    return workload.get("spec") == null ? 0 : (int) ObjectFields.number(workload, 1, "spec", "replicas");
  }

  /** The images of {@code containers} (a pod's or a template's), in order; a container naming none has "". */
  static List<ContainerImage> images(List<Map<String, Object>> containers) {
    return containers.stream()
        .map(c -> new ContainerImage(ObjectFields.string(c, "name").orElse(""), ObjectFields.string(c, "image")
            .orElse("")))
        .toList();
  }
}
