package dev.billingidentity.spi.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the cluster holds for a set of host namespaces, read in one go. Workloads and pods are indexed by namespace
 * when the snapshot is made: verifying N control planes looks each one up, which must not scan every pod of the
 * cluster N times.
 */
public final class ClusterSnapshot {
  private final Map<String, Map<String, String>> namespaceLabels;
  private final Map<String, ServiceAccountInfo> serviceAccounts;
  private final List<WorkloadInfo> workloads;
  private final List<PodInfo> pods;
  private final Map<String, List<WorkloadInfo>> workloadsByNamespace;
  private final Map<String, List<PodInfo>> podsByNamespace;

  /**
   * @param namespaceLabels the asked-for namespaces that exist, with their labels (what says whose host namespace
   *     each is)
   * @param serviceAccounts the workload service account of each namespace that has one, by namespace
   * @param workloads the vector workloads (Deployment or StatefulSet) in those namespaces
   * @param pods the pods of those workloads
   */
  public ClusterSnapshot(Map<String, Map<String, String>> namespaceLabels,
      Map<String, ServiceAccountInfo> serviceAccounts, List<WorkloadInfo> workloads, List<PodInfo> pods) {
    this.namespaceLabels = namespaceLabels.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    this.serviceAccounts = Map.copyOf(serviceAccounts);
    this.workloads = List.copyOf(workloads);
    this.pods = List.copyOf(pods);
    this.workloadsByNamespace = this.workloads.stream().collect(Collectors.groupingBy(w -> w.ref().namespace()));
    this.podsByNamespace = this.pods.stream().collect(Collectors.groupingBy(PodInfo::namespace));
  }

  /** {@return an empty snapshot: what observing no namespace finds} */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(Map.of(), Map.of(), List.of(), List.of());
  }

  /** {@return the asked-for namespaces that exist} */
  public Set<String> existingNamespaces() {
    return namespaceLabels.keySet();
  }

  /** The labels of an asked-for namespace, empty when it does not exist (see {@link #existingNamespaces()}). */
  public Map<String, String> namespaceLabels(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of());
  }

  /** {@return the workload service account of each namespace that has one, by namespace} */
  public Map<String, ServiceAccountInfo> serviceAccounts() {
    return serviceAccounts;
  }

  /** {@return every vector workload observed} */
  public List<WorkloadInfo> workloads() {
    return workloads;
  }

  /** {@return every vector pod observed} */
  public List<PodInfo> pods() {
    return pods;
  }

  /** {@return the service account of a namespace} */
  public Optional<ServiceAccountInfo> serviceAccount(String namespace) {
    return Optional.ofNullable(serviceAccounts.get(namespace));
  }

  /** {@return the workloads of a namespace} */
  public List<WorkloadInfo> workloads(String namespace) {
    return workloadsByNamespace.getOrDefault(namespace, List.of());
  }

  /** {@return the pods of a namespace} */
  public List<PodInfo> pods(String namespace) {
    return podsByNamespace.getOrDefault(namespace, List.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterSnapshot c && namespaceLabels.equals(c.namespaceLabels)
        && serviceAccounts.equals(c.serviceAccounts) && workloads.equals(c.workloads) && pods.equals(c.pods);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespaceLabels, serviceAccounts, workloads, pods);
  }

  @Override
  public String toString() {
    return "ClusterSnapshot[" + namespaceLabels.size() + " namespaces, " + serviceAccounts.size()
        + " service accounts, " + workloads.size() + " workloads, " + pods.size() + " pods]";
  }
}
