package dev.billingidentity.spi.cluster;

import dev.billingidentity.space.ControlPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The host cluster, in the domain's words. Implemented by the fabric8 adapter and by the in-memory fake. Reads are
 * cluster-wide lists, so their number does not grow with the number of control planes.
 */
public interface ClusterPort {
  /**
   * The Space's control planes ({@code spaces.upbound.io/v1beta1 ControlPlane}), with their host namespaces;
   * control planes without a {@code status.controlPlaneID} yet, or whose host namespace does not exist, come back not
   * provisioned. One whose host namespace Spaces did not label for it comes back not provisioned with the reason, as
   * {@link dev.billingidentity.space.HostNamespaceTrust#judge} decides (with the query's opt-in).
   */
  List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query);

  /**
   * Namespaces, service accounts named {@code serviceAccount}, vector workloads and their pods, each workload with its
   * pod template's container images and each pod with its own (a rollout may leave pods on an older image).
   */
  ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount);

  /**
   * Restarts a workload as {@code kubectl rollout restart} does: sets the pod template annotation
   * {@code kubectl.kubernetes.io/restartedAt} to {@code at} (RFC 3339).
   */
  void restart(WorkloadRef workload, Instant at);

  /**
   * Waits until the workload's rollout is complete (observed generation, updated and ready replicas). Throws
   * {@link ClusterApiException} with reason {@code TIMEOUT} when it is not complete within {@code timeout}.
   */
  void awaitRollout(WorkloadRef workload, Duration timeout);
}
