package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
 * in two round trips). Every object is read untyped ({@link BuiltInResources}).
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
    Future<List<GenericKubernetesResource>> namespaceList = ParallelReads.start(() -> ClusterErrors.call("namespaces",
        () -> client.genericKubernetesResources(BuiltInResources.NAMESPACES).list().getItems()));
    Future<List<GenericKubernetesResource>> saList = ParallelReads.start(() -> ClusterErrors.call(saResource,
        () -> named(BuiltInResources.SERVICE_ACCOUNTS, serviceAccount)));
    Future<List<GenericKubernetesResource>> deploymentList = ParallelReads.start(() -> ClusterErrors.call(
        deploymentResource, () -> named(BuiltInResources.DEPLOYMENTS, workloadName)));
    Future<List<GenericKubernetesResource>> statefulSetList = ParallelReads.start(() -> ClusterErrors.call(
        statefulSetResource, () -> named(BuiltInResources.STATEFUL_SETS, workloadName)));

    // With their labels: they say whose host namespace each one is (see HostNamespaceTrust).
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (GenericKubernetesResource ns : ParallelReads.join(namespaceList, "namespaces")) {
      if (hostNamespaces.contains(ns.getMetadata().getName())) {
        labels.put(ns.getMetadata().getName(), orEmpty(ns.getMetadata().getLabels()));
      }
    }
    Set<String> existing = labels.keySet();

    Map<String, ServiceAccountInfo> accounts = new HashMap<>();
    for (GenericKubernetesResource sa : ParallelReads.join(saList, saResource)) {
      ObjectMeta m = sa.getMetadata();
      if (existing.contains(m.getNamespace()) && serviceAccount.equals(m.getName())) {
        accounts.put(m.getNamespace(), new ServiceAccountInfo(m.getNamespace(), m.getName(), orEmpty(m.getAnnotations())));
      }
    }

    List<PodOwnership.Workload> workloads = new ArrayList<>();
    for (GenericKubernetesResource d : ParallelReads.join(deploymentList, deploymentResource)) {
      if (wanted(d.getMetadata(), existing)) {
        workloads.add(new PodOwnership.Workload(WorkloadStates.of(WorkloadKind.DEPLOYMENT, d),
            PodOwnership.matchLabels(d)));
      }
    }
    for (GenericKubernetesResource s : ParallelReads.join(statefulSetList, statefulSetResource)) {
      if (wanted(s.getMetadata(), existing)) {
        workloads.add(new PodOwnership.Workload(WorkloadStates.of(WorkloadKind.STATEFULSET, s),
            PodOwnership.matchLabels(s)));
      }
    }

    PodOwnership ownership = new PodOwnership(workloads);
    Map<String, PodInfo> pods = new LinkedHashMap<>();
    // Every namespace's vector has the same selector: listing each distinct one once keeps this to one request.
    for (Map<String, String> selector : ownership.distinctSelectors()) {
      List<GenericKubernetesResource> items = ClusterErrors.call("pods -A -l " + selector,
          () -> client.genericKubernetesResources(BuiltInResources.PODS).inAnyNamespace().withLabels(selector).list()
              .getItems());
      for (GenericKubernetesResource pod : items) {
        ObjectMeta m = pod.getMetadata();
        if (existing.contains(m.getNamespace()) && live(pod)
            && ObjectFields.string(pod, "spec", "serviceAccountName").filter(serviceAccount::equals).isPresent()) {
          ownership.ownerOf(pod).ifPresent(owner ->
              pods.putIfAbsent(m.getNamespace() + "/" + m.getName(), toPodInfo(pod, serviceAccount, owner)));
        }
      }
    }
    return new ClusterSnapshot(labels, accounts,
        workloads.stream().map(PodOwnership.Workload::info).toList(), List.copyOf(pods.values()));
  }

  /** The objects of {@code kind} named {@code name} in every namespace: one request, by field selector. */
  private List<GenericKubernetesResource> named(ResourceDefinitionContext kind, String name) {
    return client.genericKubernetesResources(kind).inAnyNamespace().withField("metadata.name", name).list().getItems();
  }

  private boolean wanted(ObjectMeta m, Set<String> existing) {
    return existing.contains(m.getNamespace()) && workloadName.equals(m.getName());
  }

  private static boolean live(GenericKubernetesResource pod) {
    Optional<String> phase = ObjectFields.string(pod, "status", "phase");
    return pod.get("spec") != null && pod.getMetadata().getDeletionTimestamp() == null
        && !phase.filter(p -> p.equals("Succeeded") || p.equals("Failed")).isPresent();
  }

  private static PodInfo toPodInfo(GenericKubernetesResource pod, String serviceAccount, WorkloadRef owner) {
    ObjectMeta m = pod.getMetadata();
    List<Map<String, Object>> containers = ObjectFields.objects(pod, "spec", "containers");
    Map<String, String> env = new HashMap<>();
    for (Map<String, Object> c : containers) {
      for (Map<String, Object> e : ObjectFields.objects(c, "env")) {
        // Only literal values: valueFrom (secrets, field refs) cannot be known without resolving them.
        ObjectFields.string(e, "name").ifPresent(name ->
            ObjectFields.string(e, "value").ifPresent(value -> env.put(name, value)));
      }
    }
    String phase = ObjectFields.string(pod, "status", "phase").orElse("Unknown");
    List<Map<String, Object>> statuses = ObjectFields.objects(pod, "status", "containerStatuses");
    boolean ready = !statuses.isEmpty() && statuses.stream().allMatch(cs -> ObjectFields.isTrue(cs, "ready"));
    return new PodInfo(m.getNamespace(), m.getName(), serviceAccount, Optional.of(owner), phase, ready, createdAt(m),
        env, WorkloadStates.images(containers));
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
