package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which vector workload a pod belongs to, decided as Kubernetes' own controllers do. A pod with a controller owner
 * belongs to that owner only: a StatefulSet owns its pods directly; a Deployment owns them through a ReplicaSet
 * named {@code <deployment>-<pod-template-hash>}. An orphan pod (its owner deleted with {@code --cascade=orphan})
 * belongs to the one workload of its namespace whose selector matches it, the one that would adopt it. A pod that
 * shares vector's labels but another controller (a sidecar Deployment, a Job) belongs to none.
 */
final class PodOwnership {
  /** A vector workload and its selector's {@code matchLabels} (empty when it has none). */
  record Workload(WorkloadInfo info, Map<String, String> selector) {
    WorkloadRef ref() {
      return info.ref();
    }
  }

  private final Map<String, List<Workload>> byNamespace;

  PodOwnership(List<Workload> workloads) {
    this.byNamespace = workloads.stream().collect(Collectors.groupingBy(w -> w.ref().namespace()));
  }

  /**
   * The {@code matchLabels} of a workload's selector, sorted so that equal selectors compare equal.
   * {@code matchExpressions} are not used by the Spaces chart and are left out: a list by labels then returns a
   * superset, and ownership (by owner reference) still decides.
   */
  static Map<String, String> matchLabels(GenericKubernetesResource workload) {
    return new TreeMap<>(ObjectFields.strings(workload, "spec", "selector", "matchLabels"));
  }

  /**
   * The selectors to list pods by, each once. A workload without {@code matchLabels} is left out: listing by an empty
   * selector would read every pod of the cluster.
   */
  Set<Map<String, String>> distinctSelectors() {
    return byNamespace.values().stream().flatMap(List::stream).map(Workload::selector)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The vector workload the pod belongs to, if any. */
  Optional<WorkloadRef> ownerOf(GenericKubernetesResource pod) {
    List<Workload> candidates = byNamespace.getOrDefault(pod.getMetadata().getNamespace(), List.of());
    Optional<OwnerReference> controller = Optional.ofNullable(pod.getMetadata().getOwnerReferences())
        .flatMap(owners -> owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst());
    if (controller.isPresent()) {
      return candidates.stream().map(Workload::ref).filter(w -> controls(w, controller.get())).findFirst();
    }
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    List<WorkloadRef> matching = candidates.stream()
        .filter(w -> !w.selector().isEmpty() && labels.entrySet().containsAll(w.selector().entrySet()))
        .map(Workload::ref)
        .toList();
    // Two matching workloads (a Deployment and a StatefulSet while persistence is switched): no guess.
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }

  private static boolean controls(WorkloadRef workload, OwnerReference owner) {
    String name = owner.getName();
    if (name == null) {
      return false;
    }
    if (workload.kind() == WorkloadKind.STATEFULSET) {
      return "StatefulSet".equals(owner.getKind()) && workload.name().equals(name);
    }
    // The pod-template-hash has no '-': "vector-5d8f7c9b6" is vector's ReplicaSet, "vector-agent-5d8f7c9b6" is not.
    String prefix = workload.name() + "-";
    return "ReplicaSet".equals(owner.getKind()) && name.startsWith(prefix) && name.length() > prefix.length()
        && name.indexOf('-', prefix.length()) < 0;
  }
}
