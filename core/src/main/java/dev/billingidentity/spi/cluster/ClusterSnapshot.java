package dev.billingidentity.spi.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the cluster holds for a set of host namespaces, read in one go.
 *
 * @param existingNamespaces the asked-for namespaces that exist
 * @param serviceAccounts the workload service account of each namespace that has one, by namespace
 * @param workloads the vector workloads (Deployment or StatefulSet) in those namespaces
 * @param pods the pods of those workloads
 */
public record ClusterSnapshot(
    Set<String> existingNamespaces,
    Map<String, ServiceAccountInfo> serviceAccounts,
    List<WorkloadInfo> workloads,
    List<PodInfo> pods) {
  public ClusterSnapshot {
    existingNamespaces = Set.copyOf(existingNamespaces);
    serviceAccounts = Map.copyOf(serviceAccounts);
    workloads = List.copyOf(workloads);
    pods = List.copyOf(pods);
  }

  /** The service account of a namespace. */
  public Optional<ServiceAccountInfo> serviceAccount(String namespace) {
    return Optional.ofNullable(serviceAccounts.get(namespace));
  }

  /** The workloads of a namespace. */
  public List<WorkloadInfo> workloads(String namespace) {
    return workloads.stream().filter(w -> w.ref().namespace().equals(namespace)).toList();
  }

  /** The pods of a namespace. */
  public List<PodInfo> pods(String namespace) {
    return pods.stream().filter(p -> p.namespace().equals(namespace)).toList();
  }
}
