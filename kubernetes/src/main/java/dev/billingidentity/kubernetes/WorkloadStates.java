package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ContainerImage;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/**
 * Reads a workload's rollout state and its pod template's images; absent numbers (a fresh object, a status not
 * written yet) count as 0.
 */
final class WorkloadStates {
  private WorkloadStates() {}

  static WorkloadInfo of(Deployment d) {
    var spec = d.getSpec();
    var status = d.getStatus();
    return new WorkloadInfo(
        new WorkloadRef(WorkloadKind.DEPLOYMENT, d.getMetadata().getNamespace(), d.getMetadata().getName()),
        n(d.getMetadata().getGeneration()),
        status == null ? 0 : n(status.getObservedGeneration()),
        spec == null ? 0 : replicas(spec.getReplicas()),
        status == null ? 0 : n(status.getUpdatedReplicas()),
        status == null ? 0 : n(status.getReadyReplicas()),
        images(spec == null ? null : spec.getTemplate()));
  }

  static WorkloadInfo of(StatefulSet s) {
    var spec = s.getSpec();
    var status = s.getStatus();
    return new WorkloadInfo(
        new WorkloadRef(WorkloadKind.STATEFULSET, s.getMetadata().getNamespace(), s.getMetadata().getName()),
        n(s.getMetadata().getGeneration()),
        status == null ? 0 : n(status.getObservedGeneration()),
        spec == null ? 0 : replicas(spec.getReplicas()),
        status == null ? 0 : n(status.getUpdatedReplicas()),
        status == null ? 0 : n(status.getReadyReplicas()),
        images(spec == null ? null : spec.getTemplate()));
  }

  private static List<ContainerImage> images(PodTemplateSpec template) {
    return template == null || template.getSpec() == null ? List.of() : images(template.getSpec().getContainers());
  }

  /** The images of {@code containers} (a pod's or a template's), in order; a container naming none has "". */
  static List<ContainerImage> images(List<Container> containers) {
    return containers == null ? List.of() : containers.stream()
        .map(c -> new ContainerImage(c.getName() == null ? "" : c.getName(), c.getImage() == null ? "" : c.getImage()))
        .toList();
  }

  // The API server defaults spec.replicas to 1; only an object that never went through it has null here.
  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }
}
