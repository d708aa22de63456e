package dev.billingidentity.spi.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A pod of a workload, with the environment its containers were started with (the variables the EKS webhooks
 * inject are among them, and a pod keeps what it had until it is replaced).
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param serviceAccount {@code spec.serviceAccountName}
 * @param workload the workload that owns the pod, when known
 * @param phase e.g. {@code Running}
 * @param ready whether every container is ready
 * @param createdAt {@code metadata.creationTimestamp}
 * @param env the literal environment variables of the pod's containers, merged
 */
public record PodInfo(
    String namespace,
    String name,
    String serviceAccount,
    Optional<WorkloadRef> workload,
    String phase,
    boolean ready,
    Instant createdAt,
    Map<String, String> env) {
  /** Copies the environment. */
  public PodInfo {
    env = Map.copyOf(env);
  }
}
