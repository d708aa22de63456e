package dev.billingidentity.testing.cluster;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.fault.CallLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * A host cluster in memory: namespaces, Spaces {@code ControlPlane}s, service accounts, vector workloads and their
 * pods, with the admission behaviour that makes workload identity real. A pod gets IRSA's variables when its service
 * account carries the role-ARN annotation at the moment the pod is created, and Pod Identity's when an association
 * exists then; pods keep what they had until a restart replaces them. Thread-safe; counts its API requests.
 */
public final class InMemoryCluster implements ClusterPort {
  /** The host namespace labels Spaces sets. */
  public static final String CONTROL_PLANE_NAME_LABEL = "internal.spaces.upbound.io/controlplane-name";
  public static final String CONTROL_PLANE_NAMESPACE_LABEL = "internal.spaces.upbound.io/controlplane-namespace";

  private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
  private final List<FakeControlPlane> controlPlanes = new ArrayList<>();
  private final Map<String, Map<String, Map<String, String>>> serviceAccounts = new TreeMap<>();
  private final Map<WorkloadRef, FakeWorkload> workloads = new LinkedHashMap<>();
  private final Set<String> workloadNames = new java.util.TreeSet<>();
  private final Map<String, List<PodInfo>> pods = new TreeMap<>();
  private final CallLog requests = new CallLog();
  private BiPredicate<String, String> podIdentity = (ns, sa) -> false;
  private Clock clock = Clock.systemUTC();
  private volatile Duration requestLatency = Duration.ZERO;
  private int podCounter;

  private record FakeControlPlane(String group, String name, String id, String hostNamespaceOverride,
      Map<String, String> labels) {
    Optional<String> hostNamespace() {
      if (hostNamespaceOverride != null) {
        return Optional.of(hostNamespaceOverride);
      }
      return Optional.ofNullable(id).map(ControlPlane::defaultHostNamespace);
    }
  }

  private static final class FakeWorkload {
    long generation = 1;
    int replicas = 1;
    boolean stuck;
    String serviceAccount;
    Instant restartedAt;
    Map<String, String> env = Map.of();
  }

  // ---------------------------------------------------------------- set-up (no request is counted)

  /**
   * Connects the Pod Identity webhook to associations: {@code lookup.test(namespace, serviceAccount)} says whether an
   * association exists (e.g. {@code (ns, sa) -> aws.associationFor("cluster", ns, sa).isPresent()}).
   */
  public synchronized InMemoryCluster podIdentityFrom(BiPredicate<String, String> lookup) {
    this.podIdentity = lookup;
    return this;
  }

  /** The clock of pod creation times and restarts. */
  public synchronized InMemoryCluster clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Adds {@code latency} to every API request (for benchmarks), as a real API server's round trip would. */
  public InMemoryCluster requestLatency(Duration latency) {
    this.requestLatency = latency;
    return this;
  }

  /** The API requests made through the port. */
  public CallLog requests() {
    return requests;
  }

  /** Creates a namespace. */
  public synchronized InMemoryCluster givenNamespace(String name, Map<String, String> labels) {
    namespaces.put(name, new TreeMap<>(labels));
    return this;
  }

  /**
   * Adds a control plane; {@code controlPlaneId} null means not provisioned yet. A provisioned one gets its host
   * namespace (with Spaces' labels); {@code hostNamespace} non-null plays {@code spec.hostNamespace.name}.
   */
  public synchronized Optional<String> givenControlPlane(String group, String name, String controlPlaneId,
      String hostNamespace, Map<String, String> labels) {
    FakeControlPlane cp = new FakeControlPlane(group, name, controlPlaneId, hostNamespace, Map.copyOf(labels));
    controlPlanes.add(cp);
    if (controlPlaneId != null) {
      String ns = cp.hostNamespace().orElseThrow();
      givenNamespace(ns, Map.of(CONTROL_PLANE_NAME_LABEL, name, CONTROL_PLANE_NAMESPACE_LABEL, group));
      return Optional.of(ns);
    }
    return cp.hostNamespace();
  }

  /** Provisions a pending control plane: gives it an id and creates its host namespace. */
  public synchronized String provision(String group, String name, String controlPlaneId) {
    FakeControlPlane old = findControlPlane(group, name);
    controlPlanes.remove(old);
    return givenControlPlane(group, name, controlPlaneId, old.hostNamespaceOverride(), old.labels()).orElseThrow();
  }

  /** Deletes a control plane and its host namespace with everything in it. */
  public synchronized void deleteControlPlane(String group, String name) {
    FakeControlPlane cp = findControlPlane(group, name);
    controlPlanes.remove(cp);
    cp.hostNamespace().ifPresent(this::deleteNamespace);
  }

  /** Deletes a namespace with everything in it. */
  public synchronized void deleteNamespace(String ns) {
    namespaces.remove(ns);
    serviceAccounts.remove(ns);
    workloads.keySet().removeIf(w -> w.namespace().equals(ns));
    pods.remove(ns);
  }

  /** Creates or replaces a service account's annotations. */
  public synchronized InMemoryCluster givenServiceAccount(String ns, String name, Map<String, String> annotations) {
    serviceAccounts.computeIfAbsent(ns, k -> new TreeMap<>()).put(name, new TreeMap<>(annotations));
    return this;
  }

  /** Sets (value non-null) or removes (null) one annotation of a service account, as a Helm upgrade would. */
  public synchronized void annotate(String ns, String serviceAccount, String key, String value) {
    Map<String, String> annotations = serviceAccounts.computeIfAbsent(ns, k -> new TreeMap<>())
        .computeIfAbsent(serviceAccount, k -> new TreeMap<>());
    if (value == null) {
      annotations.remove(key);
    } else {
      annotations.put(key, value);
    }
  }

  /** A service account's annotations. */
  public synchronized Map<String, String> annotations(String ns, String serviceAccount) {
    return Map.copyOf(serviceAccounts.getOrDefault(ns, Map.of()).getOrDefault(serviceAccount, Map.of()));
  }

  /** Deploys a workload running as {@code serviceAccount}, with {@code replicas} pods created now. */
  public synchronized WorkloadRef givenWorkload(WorkloadKind kind, String ns, String name, String serviceAccount,
      int replicas) {
    return givenWorkload(kind, ns, name, serviceAccount, replicas, Map.of());
  }

  /**
   * Deploys a workload whose pod template sets {@code env}; its pods, created now, get that plus what the webhooks
   * inject.
   */
  public synchronized WorkloadRef givenWorkload(WorkloadKind kind, String ns, String name, String serviceAccount,
      int replicas, Map<String, String> env) {
    WorkloadRef ref = new WorkloadRef(kind, ns, name);
    FakeWorkload w = new FakeWorkload();
    w.replicas = replicas;
    w.serviceAccount = serviceAccount;
    w.env = Map.copyOf(env);
    workloads.put(ref, w);
    workloadNames.add(name);
    replacePods(ref, w);
    return ref;
  }

  /** Makes a workload's rollouts never finish, so that {@link #awaitRollout} times out. */
  public synchronized void stuck(WorkloadRef ref, boolean stuck) {
    requireWorkload(ref).stuck = stuck;
  }

  /** The pods of a namespace now. */
  public synchronized List<PodInfo> pods(String ns) {
    return List.copyOf(pods.getOrDefault(ns, List.of()));
  }

  /** Every pod of the cluster now. */
  public synchronized List<PodInfo> allPods() {
    return pods.values().stream().flatMap(List::stream).toList();
  }

  /** The {@code restartedAt} of a workload's pod template, if restarted. */
  public synchronized Optional<Instant> restartedAt(WorkloadRef ref) {
    return Optional.ofNullable(requireWorkload(ref).restartedAt);
  }

  // ---------------------------------------------------------------- the port

  @Override
  public List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query) {
    request("listControlPlanes", false);
    synchronized (this) {
      return discover(query);
    }
  }

  private List<ControlPlane> discover(ControlPlaneQuery query) {
    List<ControlPlane> out = new ArrayList<>();
    for (FakeControlPlane cp : controlPlanes) {
      if (!query.groups().isEmpty() && !query.groups().contains(cp.group())) {
        continue;
      }
      if (!cp.labels().entrySet().containsAll(query.labels().entrySet())) {
        continue;
      }
      out.add(cp.id() == null
          ? ControlPlane.builder().group(cp.group()).name(cp.name()).hostNamespace(Optional.ofNullable(
              cp.hostNamespaceOverride())).provisioned(false).build()
          : ControlPlane.provisioned(cp.group(), cp.name(), cp.hostNamespace().orElseThrow()));
    }
    return out;
  }

  @Override
  public ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount) {
    // One list per kind, cluster-wide, as the real adapter does.
    for (String kind : List.of("listNamespaces", "listServiceAccounts", "listDeployments", "listStatefulSets",
        "listPods")) {
      request(kind, false);
    }
    synchronized (this) {
      return snapshot(hostNamespaces, serviceAccount);
    }
  }

  private ClusterSnapshot snapshot(Set<String> hostNamespaces, String serviceAccount) {
    Set<String> existing = new java.util.TreeSet<>(hostNamespaces);
    existing.retainAll(namespaces.keySet());
    Map<String, ServiceAccountInfo> sas = new HashMap<>();
    List<WorkloadInfo> ws = new ArrayList<>();
    List<PodInfo> ps = new ArrayList<>();
    for (String ns : existing) {
      Map<String, String> annotations = serviceAccounts.getOrDefault(ns, Map.of()).get(serviceAccount);
      if (annotations != null) {
        sas.put(ns, new ServiceAccountInfo(ns, serviceAccount, annotations));
      }
      for (WorkloadKind kind : WorkloadKind.values()) {
        // Looked up by key, not scanned: observing N namespaces stays linear in N.
        for (String name : workloadNames) {
          WorkloadRef ref = new WorkloadRef(kind, ns, name);
          FakeWorkload w = workloads.get(ref);
          if (w != null && serviceAccount.equals(w.serviceAccount)) {
            ws.add(info(ref, w));
          }
        }
      }
      pods.getOrDefault(ns, List.of()).stream().filter(p -> p.serviceAccount().equals(serviceAccount))
          .forEach(ps::add);
    }
    return new ClusterSnapshot(existing, sas, ws, ps);
  }

  @Override
  public void restart(WorkloadRef workload, Instant at) {
    request("patch" + (workload.kind() == WorkloadKind.DEPLOYMENT ? "Deployment" : "StatefulSet"), true);
    synchronized (this) {
      FakeWorkload w = requireWorkload(workload);
      w.restartedAt = at;
      w.generation++;
      if (!w.stuck) {
        replacePods(workload, w);
      }
    }
  }

  @Override
  public void awaitRollout(WorkloadRef workload, Duration timeout) {
    request("get" + (workload.kind() == WorkloadKind.DEPLOYMENT ? "Deployment" : "StatefulSet"), false);
    synchronized (this) {
      if (!requireWorkload(workload).stuck) {
        return;
      }
    }
    throw new ClusterApiException(ClusterApiException.Reason.TIMEOUT, workload.toString(),
        "rollout not complete after " + timeout.toMillis() + " ms: 0 of 1 replicas updated");
  }

  // ---------------------------------------------------------------- internals

  /** Counts a request and waits its round trip (outside the lock, so concurrent requests overlap). */
  private void request(String kind, boolean write) {
    requests.record(kind, write);
    Duration d = requestLatency;
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void replacePods(WorkloadRef ref, FakeWorkload w) {
    List<PodInfo> list = pods.computeIfAbsent(ref.namespace(), k -> new ArrayList<>());
    list.removeIf(p -> p.workload().filter(ref::equals).isPresent());
    for (int i = 0; i < w.replicas; i++) {
      list.add(newPod(ref, w));
    }
  }

  /** The admission of a new pod: the webhooks inject what is true at this moment. */
  private PodInfo newPod(WorkloadRef ref, FakeWorkload w) {
    String serviceAccount = w.serviceAccount;
    Map<String, String> env = new TreeMap<>(w.env);
    String roleArn = annotations(ref.namespace(), serviceAccount).get(IdentityEnv.ROLE_ARN_ANNOTATION);
    if (roleArn != null) {
      env.putAll(IdentityEnv.irsa(roleArn));
    }
    if (podIdentity.test(ref.namespace(), serviceAccount)) {
      env.putAll(IdentityEnv.podIdentity());
    }
    String name = ref.name() + (ref.kind() == WorkloadKind.STATEFULSET ? "-0" : "-" + Integer.toHexString(
        0x10000 + podCounter++).substring(1));
    return new PodInfo(ref.namespace(), name, serviceAccount, Optional.of(ref), "Running", true, clock.instant(), env);
  }

  private WorkloadInfo info(WorkloadRef ref, FakeWorkload w) {
    long observed = w.generation;
    int updated = w.stuck ? 0 : w.replicas;
    return new WorkloadInfo(ref, w.generation, observed, w.replicas, updated, updated);
  }

  private FakeWorkload requireWorkload(WorkloadRef ref) {
    FakeWorkload w = workloads.get(ref);
    if (w == null) {
      throw new ClusterApiException(ClusterApiException.Reason.NOT_FOUND, ref.toString(),
          ref.kind().kubectlName() + "s.apps \"" + ref.name() + "\" not found");
    }
    return w;
  }

  private FakeControlPlane findControlPlane(String group, String name) {
    return controlPlanes.stream().filter(c -> c.group().equals(group) && c.name().equals(name)).findFirst()
        .orElseThrow(() -> new ClusterApiException(ClusterApiException.Reason.NOT_FOUND,
            "controlplane/" + name + " -n " + group, "controlplanes.spaces.upbound.io \"" + name + "\" not found"));
  }
}
