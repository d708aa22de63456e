package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Reads one {@link ClusterSnapshot} with cluster-wide lists: namespaces, service accounts, Deployments and
 * StatefulSets (by name), sent at once, then one pod list per distinct workload selector. The number of requests
 * does not depend on how many namespaces are asked for (a Space has one selector for vector, so 5 requests in all,
 * in two round trips).
 *
 * <p>A pod is reported when it runs as the asked service account, belongs to a vector workload of its namespace (see
 * {@link PodOwnership}) and is live: pods being deleted and pods that have finished (evicted pods linger as
 * {@code Failed}) never run again, and reporting them, without the identity they predate, would make a restart look
 * needed forever.
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
      return ClusterSnapshot.empty();
    }
    // The four lists are independent: sent at once, they cost one round trip. Then the pods, by the workloads'
    // selectors: two round trips in all, whatever the number of control planes.
    String saResource = "serviceaccount/" + serviceAccount + " -A";
    String deploymentResource = "deployment/" + workloadName + " -A";
    String statefulSetResource = "statefulset/" + workloadName + " -A";
    // One list of all namespaces filtered here: a field selector per name would be one request per namespace.
    Future<List<Namespace>> namespaceList = ParallelReads.start(() -> ClusterErrors.call("namespaces",
        () -> client.namespaces().list().getItems()));
    Future<List<ServiceAccount>> saList = ParallelReads.start(() -> ClusterErrors.call(saResource,
        () -> client.serviceAccounts().inAnyNamespace().withField("metadata.name", serviceAccount).list().getItems()));
    Future<List<Deployment>> deploymentList = ParallelReads.start(() -> ClusterErrors.call(deploymentResource,
        () -> client.apps().deployments().inAnyNamespace().withField("metadata.name", workloadName).list().getItems()));
    Future<List<StatefulSet>> statefulSetList = ParallelReads.start(() -> ClusterErrors.call(statefulSetResource,
        () -> client.apps().statefulSets().inAnyNamespace().withField("metadata.name", workloadName).list()
            .getItems()));

    // With their labels: they say whose host namespace each one is (see HostNamespaceTrust).
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (Namespace ns : ParallelReads.join(namespaceList, "namespaces")) {
      if (hostNamespaces.contains(ns.getMetadata().getName())) {
        labels.put(ns.getMetadata().getName(), orEmpty(ns.getMetadata().getLabels()));
      }
    }
    Set<String> existing = labels.keySet();

    Map<String, ServiceAccountInfo> accounts = new HashMap<>();
    for (ServiceAccount sa : ParallelReads.join(saList, saResource)) {
      ObjectMeta m = sa.getMetadata();
      if (existing.contains(m.getNamespace()) && serviceAccount.equals(m.getName())) {
        accounts.put(m.getNamespace(), new ServiceAccountInfo(m.getNamespace(), m.getName(), orEmpty(m.getAnnotations())));
      }
    }

    List<PodOwnership.Workload> workloads = new ArrayList<>();
    for (Deployment d : ParallelReads.join(deploymentList, deploymentResource)) {
      if (wanted(d.getMetadata(), existing)) {
        workloads.add(new PodOwnership.Workload(WorkloadStates.of(d),
            PodOwnership.matchLabels(d.getSpec() == null ? null : d.getSpec().getSelector())));
      }
    }
    for (StatefulSet s : ParallelReads.join(statefulSetList, statefulSetResource)) {
      if (wanted(s.getMetadata(), existing)) {
        workloads.add(new PodOwnership.Workload(WorkloadStates.of(s),
            PodOwnership.matchLabels(s.getSpec() == null ? null : s.getSpec().getSelector())));
      }
    }

    PodOwnership ownership = new PodOwnership(workloads);
    Map<String, PodInfo> pods = new LinkedHashMap<>();
    // Every namespace's vector has the same selector: listing each distinct one once keeps this to one request.
    for (Map<String, String> selector : ownership.distinctSelectors()) {
      List<Pod> items = ClusterErrors.call("pods -A -l " + selector,
          () -> client.pods().inAnyNamespace().withLabels(selector).list().getItems());
      for (Pod pod : items) {
        ObjectMeta m = pod.getMetadata();
        if (existing.contains(m.getNamespace()) && live(pod) && serviceAccount.equals(pod.getSpec().getServiceAccountName())) {
          ownership.ownerOf(pod).ifPresent(owner ->
              pods.putIfAbsent(m.getNamespace() + "/" + m.getName(), toPodInfo(pod, owner)));
        }
      }
    }
    return new ClusterSnapshot(labels, accounts,
        workloads.stream().map(PodOwnership.Workload::info).toList(), List.copyOf(pods.values()));
  }

  private boolean wanted(ObjectMeta m, Set<String> existing) {
    return existing.contains(m.getNamespace()) && workloadName.equals(m.getName());
  }

  private static boolean live(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getSpec() != null && pod.getMetadata().getDeletionTimestamp() == null
        && !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  private static PodInfo toPodInfo(Pod pod, WorkloadRef owner) {
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
        Optional.of(owner), phase, ready, createdAt(m), env, WorkloadStates.images(pod.getSpec().getContainers()));
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
