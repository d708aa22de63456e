package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** Reads a workload's rollout state; absent numbers (a fresh object, a status not written yet) count as 0. */
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
        status == null ? 0 : n(status.getReadyReplicas()));
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
        status == null ? 0 : n(status.getReadyReplicas()));
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
