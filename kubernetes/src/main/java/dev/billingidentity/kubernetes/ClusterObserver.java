package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads one {@link ClusterSnapshot} with cluster-wide lists: namespaces, service accounts, Deployments and
 * StatefulSets (by name), then one pod list per distinct workload selector. The number of requests does not depend
 * on how many namespaces are asked for (a Space has one selector for vector, so usually 5 requests in all).
 */
final class ClusterObserver {
  private final KubernetesClient client;
  private final String workloadName;

  ClusterObserver(KubernetesClient client, String workloadName) {
    this.client = client;
    this.workloadName = workloadName;
  }

  ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount) {
    if (hostNamespaces.isEmpty()) {
      return new ClusterSnapshot(Set.of(), Map.of(), List.of(), List.of());
    }
    // One list of all namespaces filtered here: a field selector per name would be one request per namespace.
    Set<String> existing = ClusterErrors.call("namespaces", () -> client.namespaces().list().getItems()).stream()
        .map(ns -> ns.getMetadata().getName())
        .filter(hostNamespaces::contains)
        .collect(Collectors.toCollection(LinkedHashSet::new));

    Map<String, ServiceAccountInfo> accounts = new HashMap<>();
    List<ServiceAccount> saItems = ClusterErrors.call("serviceaccount/" + serviceAccount + " -A",
        () -> client.serviceAccounts().inAnyNamespace().withField("metadata.name", serviceAccount).list().getItems());
    for (ServiceAccount sa : saItems) {
      ObjectMeta m = sa.getMetadata();
      if (existing.contains(m.getNamespace()) && serviceAccount.equals(m.getName())) {
        accounts.put(m.getNamespace(), new ServiceAccountInfo(m.getNamespace(), m.getName(), orEmpty(m.getAnnotations())));
      }
    }

    List<WorkloadInfo> workloads = new ArrayList<>();
    // Pods are found by their workload's selector; the same selector is listed once for every namespace.
    Set<Map<String, String>> selectors = new LinkedHashSet<>();
    List<Deployment> deployments = ClusterErrors.call("deployment/" + workloadName + " -A",
        () -> client.apps().deployments().inAnyNamespace().withField("metadata.name", workloadName).list().getItems());
    for (Deployment d : deployments) {
      if (wanted(d.getMetadata(), existing)) {
        workloads.add(WorkloadStates.of(d));
        selector(d.getSpec() == null ? null : d.getSpec().getSelector()).ifPresent(selectors::add);
      }
    }
    List<StatefulSet> statefulSets = ClusterErrors.call("statefulset/" + workloadName + " -A",
        () -> client.apps().statefulSets().inAnyNamespace().withField("metadata.name", workloadName).list().getItems());
    for (StatefulSet s : statefulSets) {
      if (wanted(s.getMetadata(), existing)) {
        workloads.add(WorkloadStates.of(s));
        selector(s.getSpec() == null ? null : s.getSpec().getSelector()).ifPresent(selectors::add);
      }
    }

    Map<String, List<WorkloadRef>> workloadsByNamespace = workloads.stream()
        .collect(Collectors.groupingBy(w -> w.ref().namespace(), Collectors.mapping(WorkloadInfo::ref, Collectors.toList())));
    Map<String, PodInfo> pods = new LinkedHashMap<>();
    for (Map<String, String> selector : selectors) {
      List<Pod> items = ClusterErrors.call("pods -A -l " + selector,
          () -> client.pods().inAnyNamespace().withLabels(selector).list().getItems());
      for (Pod pod : items) {
        ObjectMeta m = pod.getMetadata();
        if (existing.contains(m.getNamespace()) && pod.getSpec() != null
            && serviceAccount.equals(pod.getSpec().getServiceAccountName())) {
          pods.putIfAbsent(m.getNamespace() + "/" + m.getName(),
              toPodInfo(pod, workloadsByNamespace.getOrDefault(m.getNamespace(), List.of())));
        }
      }
    }
    return new ClusterSnapshot(existing, accounts, workloads, List.copyOf(pods.values()));
  }

  private boolean wanted(ObjectMeta m, Set<String> existing) {
    return existing.contains(m.getNamespace()) && workloadName.equals(m.getName());
  }

  // matchExpressions are not used by the Spaces chart; a selector without matchLabels would match every pod.
  private static Optional<Map<String, String>> selector(LabelSelector selector) {
    if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TreeMap<>(selector.getMatchLabels()));
  }

  private static PodInfo toPodInfo(Pod pod, List<WorkloadRef> namespaceWorkloads) {
    ObjectMeta m = pod.getMetadata();
    Map<String, String> env = new HashMap<>();
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getEnv() != null) {
        for (EnvVar e : c.getEnv()) {
          // Only literal values: valueFrom (secrets, field refs) cannot be known without resolving them.
          if (e.getValue() != null) {
            env.put(e.getName(), e.getValue());
          }
        }
      }
    }
    var status = pod.getStatus();
    String phase = status != null && status.getPhase() != null ? status.getPhase() : "Unknown";
    boolean ready = status != null && status.getContainerStatuses() != null && !status.getContainerStatuses().isEmpty()
        && status.getContainerStatuses().stream().allMatch(cs -> Boolean.TRUE.equals(cs.getReady()));
    return new PodInfo(m.getNamespace(), m.getName(), pod.getSpec().getServiceAccountName(),
        owner(m, namespaceWorkloads), phase, ready, createdAt(m), env);
  }

  /**
   * The pod's workload: a StatefulSet owner directly; a ReplicaSet owner named {@code <deployment>-<hash>} maps to
   * its Deployment; without a usable owner, the namespace's only vector workload.
   */
  private static Optional<WorkloadRef> owner(ObjectMeta m, List<WorkloadRef> namespaceWorkloads) {
    for (OwnerReference o : Optional.ofNullable(m.getOwnerReferences()).orElse(List.of())) {
      for (WorkloadRef w : namespaceWorkloads) {
        if (w.kind() == WorkloadKind.STATEFULSET && "StatefulSet".equals(o.getKind()) && w.name().equals(o.getName())) {
          return Optional.of(w);
        }
        if (w.kind() == WorkloadKind.DEPLOYMENT && "ReplicaSet".equals(o.getKind())
            && o.getName() != null && o.getName().startsWith(w.name() + "-")) {
          return Optional.of(w);
        }
      }
    }
    return namespaceWorkloads.size() == 1 ? Optional.of(namespaceWorkloads.get(0)) : Optional.empty();
  }

  // A pod without a creation time is treated as the oldest possible: restart logic then errs on restarting it.
  private static Instant createdAt(ObjectMeta m) {
    try {
      return m.getCreationTimestamp() == null ? Instant.EPOCH : Instant.parse(m.getCreationTimestamp());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
