package dev.billingidentity.testing.cluster;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.HostNamespaceTrust;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ContainerImage;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.CallLog;
import dev.billingidentity.testing.fault.FaultAnswers;
import dev.billingidentity.testing.fault.Faults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * An Upbound Space's host cluster in memory: namespaces with labels, Spaces {@code ControlPlane}s, service accounts
 * with annotations, the vector workload (a Deployment, or a StatefulSet) and its pods, with the admission behaviour
 * that makes workload identity real:
 *
 * <ul>
 *   <li>a pod created while its service account carries {@code eks.amazonaws.com/role-arn} gets IRSA's
 *       {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE};</li>
 *   <li>a pod created while a Pod Identity association exists for its namespace and service account (see
 *       {@link #podIdentityFrom(InMemoryAws, String)}) gets {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE};</li>
 *   <li>running pods keep what they had until a {@linkplain #restart rollout restart} replaces them with new pods
 *       (created at that moment, on {@link #clock(Clock)}), which get what is true then;</li>
 *   <li>vector's container runs {@link #DEFAULT_VECTOR_IMAGE} unless {@link #defaultImage(String)} or
 *       {@link #setImage(String, String)} say otherwise; a pod keeps the image it was created with, so a
 *       {@linkplain #stuck stuck} rollout leaves pods on the older image.</li>
 *   <li>a {@linkplain #requestServiceAccountToken token request} is answered with a JWT signed by the cluster's
 *       {@linkplain #issuer() service-account issuer}, as on EKS (issued on {@link #clock(Clock)}).</li>
 * </ul>
 *
 * <p>Discovery and observation answer as the fabric8 adapter does over the Kubernetes API: control planes sorted by
 * group and name, a control plane provisioned only when its host namespace exists and Spaces labelled it for that
 * control plane (otherwise not provisioned, with the reason: {@link HostNamespaceTrust}), and
 * each read is one cluster-wide list whatever the number of namespaces (counted in {@link #requests()}).
 * Methods named {@code given...} and the inspection methods make no request. Thread-safe.
 */
public final class InMemoryCluster implements ClusterPort {
  /** The label Spaces puts on a host namespace: its control plane's name. */
  public static final String CONTROL_PLANE_NAME_LABEL = HostNamespaceTrust.CONTROL_PLANE_NAME_LABEL;
  /** The label Spaces puts on a host namespace: its control plane's group. */
  public static final String CONTROL_PLANE_NAMESPACE_LABEL = HostNamespaceTrust.CONTROL_PLANE_NAMESPACE_LABEL;
  /** The workload (and service account) of the billing component. */
  public static final String VECTOR = "vector";
  /** The image vector runs unless told otherwise: a release that can use Pod Identity (0.46.0 or later). */
  public static final String DEFAULT_VECTOR_IMAGE = "timberio/vector:0.47.0-distroless-libc";

  private static final FaultAnswers API_SERVER = new FaultAnswers() {
    @Override
    public RuntimeException throttling(String operation) {
      return new ClusterApiException(ClusterApiException.Reason.OTHER, operation,
          "the server has received too many requests and has asked us to try again later (429)");
    }

    @Override
    public RuntimeException serverError(String operation) {
      return new ClusterApiException(ClusterApiException.Reason.OTHER, operation, "Internal error occurred (500)");
    }
  };

  private final String workloadName;
  private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
  private final Map<String, FakeControlPlane> controlPlanes = new LinkedHashMap<>();
  private final Map<String, Map<String, Map<String, String>>> serviceAccounts = new TreeMap<>();
  /** The {@code metadata.uid} of each service account, by {@code namespace/name}: new when one is created anew. */
  private final Map<String, String> serviceAccountUids = new HashMap<>();
  private final Map<WorkloadRef, FakeWorkload> workloads = new LinkedHashMap<>();
  private final Map<String, List<PodInfo>> pods = new TreeMap<>();
  private final CallLog requests = new CallLog();
  private final Faults faults = new Faults(API_SERVER);
  private final Random names = new Random(3);
  /** Apart from {@link #names}, so that service accounts do not change the pods' generated names. */
  private final Random uids = new Random(5);
  private BiPredicate<String, String> podIdentity = (ns, sa) -> false;
  private String defaultImage = DEFAULT_VECTOR_IMAGE;
  private final Map<String, String> namespaceImages = new TreeMap<>();
  private ServiceAccountIssuer issuer = new ServiceAccountIssuer(ServiceAccountIssuer.KUBERNETES_DEFAULT_ISSUER);
  private Clock clock = Clock.systemUTC();
  private volatile Duration requestLatency = Duration.ZERO;

  /** @param createdNamespace whether the fake created (and so deletes) its host namespace, as Spaces does */
  private record FakeControlPlane(String group, String name, String id, String hostNamespaceOverride,
      Map<String, String> labels, boolean createdNamespace) {
    Optional<String> hostNamespace() {
      if (hostNamespaceOverride != null) {
        return Optional.of(hostNamespaceOverride);
      }
      return Optional.ofNullable(id).map(ControlPlane::defaultHostNamespace);
    }
  }

  private static final class FakeWorkload {
    final String serviceAccount;
    final int replicas;
    final Map<String, String> env;
    /** The image of the pod template's container. */
    String image;
    long generation = 1;
    boolean stuck;
    /** A restart while stuck: its rollout hangs until a later restart goes through. */
    boolean rolloutHung;
    Instant restartedAt;

    FakeWorkload(String serviceAccount, int replicas, Map<String, String> env, String image) {
      this.serviceAccount = serviceAccount;
      this.replicas = replicas;
      this.env = Map.copyOf(env);
      this.image = image;
    }
  }

  /** A cluster whose billing workload is named {@value #VECTOR}, as the Spaces chart names it. */
  public InMemoryCluster() {
    this(VECTOR);
  }

  /** A cluster whose billing workload has another name (the fabric8 adapter takes the same setting). */
  public InMemoryCluster(String workloadName) {
    this.workloadName = Objects.requireNonNull(workloadName, "workloadName");
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Connects the EKS Pod Identity webhook to associations: {@code lookup.test(namespace, serviceAccount)} says
   * whether an association exists when a pod is created.
   */
  public synchronized InMemoryCluster podIdentityFrom(BiPredicate<String, String> lookup) {
    this.podIdentity = Objects.requireNonNull(lookup, "lookup");
    return this;
  }

  /** Connects the EKS Pod Identity webhook to the associations of EKS cluster {@code clusterName} in {@code aws}. */
  public InMemoryCluster podIdentityFrom(InMemoryAws aws, String clusterName) {
    return podIdentityFrom((ns, sa) -> aws.associationFor(clusterName, ns, sa).isPresent());
  }

  /**
   * The service-account issuer that signs the cluster's tokens: on EKS, one whose URL is the cluster's OIDC issuer
   * ({@code FakeSpace} wires it so). {@link ServiceAccountIssuer#KUBERNETES_DEFAULT_ISSUER} unless set.
   */
  public synchronized InMemoryCluster issuer(ServiceAccountIssuer issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    return this;
  }

  /** The service-account issuer that signs the cluster's tokens. */
  public synchronized ServiceAccountIssuer issuer() {
    return issuer;
  }

  /** The clock of pod creation times and token issue times (the system's by default; a {@code ManualClock} in tests). */
  public synchronized InMemoryCluster clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The image of vector's container in workloads deployed from now on in a namespace without one of its own
   * ({@link #setImage}); {@link #DEFAULT_VECTOR_IMAGE} unless set. Running workloads keep theirs.
   */
  public synchronized InMemoryCluster defaultImage(String image) {
    this.defaultImage = Objects.requireNonNull(image, "image");
    return this;
  }

  /** Adds {@code latency} to every API request, as a real API server's round trip would (for benchmarks). */
  public InMemoryCluster requestLatency(Duration latency) {
    this.requestLatency = Objects.requireNonNull(latency, "latency");
    return this;
  }

  /**
   * The API requests made through the port, by kind ({@code listControlPlanes}, {@code listNamespaces},
   * {@code listServiceAccounts}, {@code listDeployments}, {@code listStatefulSets}, {@code listPods},
   * {@code patchDeployment}, {@code getStatefulSet}, {@code createServiceAccountToken}, ...), as the fabric8 adapter
   * makes them.
   */
  public CallLog requests() {
    return requests;
  }

  /**
   * Faults to inject into the port's requests, by the request kinds of {@link #requests()}; they fail with
   * {@link ClusterApiException}, as the adapter reports the API server's 429 and 500.
   */
  public Faults faults() {
    return faults;
  }

  // ---------------------------------------------------------------- seeding (no request is counted)

  /** Creates a namespace (or replaces its labels). */
  public synchronized InMemoryCluster givenNamespace(String name, Map<String, String> labels) {
    namespaces.put(name, new TreeMap<>(labels));
    return this;
  }

  /** Replaces the labels of an existing namespace, e.g. to play a stale or foreign Spaces label. */
  public synchronized void labelNamespace(String name, Map<String, String> labels) {
    if (!namespaces.containsKey(name)) {
      throw notFound("namespace/" + name, "namespaces \"" + name + "\" not found");
    }
    namespaces.put(name, new TreeMap<>(labels));
  }

  /**
   * Adds (or replaces) a control plane. {@code controlPlaneId} null means not provisioned yet ({@code
   * status.controlPlaneID} empty, no host namespace); {@code hostNamespace} non-null plays
   * {@code spec.hostNamespace.name}. A provisioned one gets its host namespace, with Spaces' labels. Returns the host
   * namespace when known.
   */
  public synchronized Optional<String> givenControlPlane(String group, String name, String controlPlaneId,
      String hostNamespace, Map<String, String> labels) {
    FakeControlPlane cp = new FakeControlPlane(group, name, controlPlaneId, hostNamespace, Map.copyOf(labels),
        controlPlaneId != null);
    controlPlanes.put(group + "/" + name, cp);
    if (controlPlaneId != null) {
      String ns = cp.hostNamespace().orElseThrow();
      givenNamespace(ns, Map.of(CONTROL_PLANE_NAME_LABEL, name, CONTROL_PLANE_NAMESPACE_LABEL, group));
      return Optional.of(ns);
    }
    return cp.hostNamespace();
  }

  /**
   * Adds (or replaces) only a {@code ControlPlane} object, as anyone allowed to create one may write it: no host
   * namespace is created or labelled, so {@code hostNamespace} (its {@code spec.hostNamespace.name}, or null for
   * {@code mxp-<id>-system}) may name a namespace Spaces never made, e.g. {@code kube-system}. Deleting it later
   * leaves that namespace alone.
   */
  public synchronized void givenControlPlaneObject(String group, String name, String controlPlaneId,
      String hostNamespace, Map<String, String> labels) {
    controlPlanes.put(group + "/" + name,
        new FakeControlPlane(group, name, controlPlaneId, hostNamespace, Map.copyOf(labels), false));
  }

  /** Provisions a pending control plane as Spaces does: gives it an id and creates its host namespace. */
  public synchronized String provision(String group, String name, String controlPlaneId) {
    FakeControlPlane old = findControlPlane(group, name);
    return givenControlPlane(group, name, controlPlaneId, old.hostNamespaceOverride(), old.labels()).orElseThrow();
  }

  /** Deletes a control plane and, as Spaces does, its host namespace with everything in it. */
  public synchronized void deleteControlPlane(String group, String name) {
    FakeControlPlane cp = findControlPlane(group, name);
    controlPlanes.remove(group + "/" + name);
    if (cp.createdNamespace()) {
      cp.hostNamespace().ifPresent(this::deleteNamespace);
    }
  }

  /** Deletes a namespace with everything in it. */
  public synchronized void deleteNamespace(String ns) {
    namespaces.remove(ns);
    serviceAccounts.remove(ns);
    serviceAccountUids.keySet().removeIf(key -> key.startsWith(ns + "/"));
    workloads.keySet().removeIf(w -> w.namespace().equals(ns));
    pods.remove(ns);
    namespaceImages.remove(ns);
  }

  /** Creates a service account, or replaces its annotations. */
  public synchronized InMemoryCluster givenServiceAccount(String ns, String name, Map<String, String> annotations) {
    serviceAccounts.computeIfAbsent(ns, k -> new TreeMap<>()).put(name, new TreeMap<>(annotations));
    serviceAccountUids.computeIfAbsent(ns + "/" + name, k -> newUid());
    return this;
  }

  /**
   * Sets (value non-null) or removes (null) one annotation of a service account, as the Space's Helm chart does on
   * {@code helm upgrade}. Running pods keep what they had.
   */
  public synchronized void annotate(String ns, String serviceAccount, String key, String value) {
    Map<String, String> annotations = serviceAccounts.computeIfAbsent(ns, k -> new TreeMap<>())
        .computeIfAbsent(serviceAccount, k -> new TreeMap<>());
    serviceAccountUids.computeIfAbsent(ns + "/" + serviceAccount, k -> newUid());
    if (value == null) {
      annotations.remove(key);
    } else {
      annotations.put(key, value);
    }
  }

  /** Deletes a service account. */
  public synchronized void deleteServiceAccount(String ns, String name) {
    Map<String, Map<String, String>> inNamespace = serviceAccounts.get(ns);
    if (inNamespace != null) {
      inNamespace.remove(name);
    }
    serviceAccountUids.remove(ns + "/" + name);
  }

  /** A service account's {@code metadata.uid}, if it exists: the {@code kubernetes.io} claim of its tokens names it. */
  public synchronized Optional<String> serviceAccountUid(String ns, String serviceAccount) {
    return Optional.ofNullable(serviceAccountUids.get(ns + "/" + serviceAccount));
  }

  /** A service account's annotations (empty when it does not exist). */
  public synchronized Map<String, String> annotations(String ns, String serviceAccount) {
    return Map.copyOf(serviceAccounts.getOrDefault(ns, Map.of()).getOrDefault(serviceAccount, Map.of()));
  }

  /** Deploys a workload running as {@code serviceAccount}, with {@code replicas} pods created now. */
  public synchronized WorkloadRef givenWorkload(WorkloadKind kind, String ns, String name, String serviceAccount,
      int replicas) {
    return givenWorkload(kind, ns, name, serviceAccount, replicas, Map.of());
  }

  /**
   * Deploys (or replaces) a workload whose pod template sets {@code env}; its {@code replicas} pods, created now, get
   * that plus what the webhooks inject now.
   */
  public synchronized WorkloadRef givenWorkload(WorkloadKind kind, String ns, String name, String serviceAccount,
      int replicas, Map<String, String> env) {
    WorkloadRef ref = new WorkloadRef(kind, ns, name);
    FakeWorkload w = new FakeWorkload(serviceAccount, replicas, env, namespaceImages.getOrDefault(ns, defaultImage));
    workloads.put(ref, w);
    replacePods(ref, w);
    return ref;
  }

  /**
   * Sets the image of vector's container in host namespace {@code ns}, as {@code kubectl set image} or a
   * {@code helm upgrade} with another {@code controlPlanes.vector.version} does: the pod templates of its workloads
   * change (a new generation) and their pods are replaced, unless the workload is {@linkplain #stuck stuck}, whose
   * pods keep running the older image; workloads deployed there later get it too. No request is counted.
   */
  public synchronized void setImage(String ns, String image) {
    Objects.requireNonNull(image, "image");
    namespaceImages.put(ns, image);
    workloads.forEach((ref, w) -> {
      if (ref.namespace().equals(ns)) {
        w.image = image;
        w.generation++;
        w.rolloutHung = w.stuck;
        if (!w.stuck) {
          replacePods(ref, w);
        }
      }
    });
  }

  /** Deletes a workload and its pods. */
  public synchronized void deleteWorkload(WorkloadRef ref) {
    requireWorkload(ref);
    workloads.remove(ref);
    pods.getOrDefault(ref.namespace(), new ArrayList<>()).removeIf(p -> p.workload().filter(ref::equals).isPresent());
  }

  /**
   * Makes a workload's rollouts hang (true) or not (false), as a bad node or image would: a restart then bumps the
   * generation but replaces no pod, and {@link #awaitRollout} times out until a restart goes through. Releasing it
   * does not finish a hung rollout (its pods stay as they were); the next restart does.
   */
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

  /** A workload's rollout state now, if it exists. */
  public synchronized Optional<WorkloadInfo> workload(WorkloadRef ref) {
    FakeWorkload w = workloads.get(ref);
    return w == null ? Optional.empty() : Optional.of(info(ref, w));
  }

  /** The {@code kubectl.kubernetes.io/restartedAt} of a workload's pod template, if it was restarted. */
  public synchronized Optional<Instant> restartedAt(WorkloadRef ref) {
    return Optional.ofNullable(requireWorkload(ref).restartedAt);
  }

  // ---------------------------------------------------------------- the port

  /**
   * One list of {@code ControlPlane}s (or one per asked group) and one list of namespaces, as the fabric8 adapter
   * makes them.
   */
  @Override
  public List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query) {
    int lists = query.groups().isEmpty() ? 1 : query.groups().size();
    for (int i = 0; i < lists; i++) {
      request("listControlPlanes", false);
    }
    request("listNamespaces", false);
    synchronized (this) {
      List<ControlPlane> claims = controlPlanes.values().stream()
          .filter(cp -> query.groups().isEmpty() || query.groups().contains(cp.group()))
          .filter(cp -> cp.labels().entrySet().containsAll(query.labels().entrySet()))
          .map(InMemoryCluster::toClaim)
          .sorted(Comparator.comparing(ControlPlane::displayName))
          .toList();
      return HostNamespaceTrust.judge(claims, namespaces::get, query.trustUnlabelledHostNamespaces());
    }
  }

  /**
   * The control plane as its object claims it: not provisioned while it has no id (an explicit host namespace kept
   * for the report), else provisioned in its host namespace, to be judged by Spaces' labels on that namespace
   * ({@link HostNamespaceTrust#judge}, as the fabric8 adapter does).
   */
  private static ControlPlane toClaim(FakeControlPlane cp) {
    if (cp.id() == null) {
      return ControlPlane.builder().group(cp.group()).name(cp.name())
          .hostNamespace(Optional.ofNullable(cp.hostNamespaceOverride())).provisioned(false).build();
    }
    return ControlPlane.provisioned(cp.group(), cp.name(), cp.hostNamespace().orElseThrow());
  }

  /**
   * Namespaces, service accounts, Deployments and StatefulSets named as the billing workload, and their pods running
   * as {@code serviceAccount}: one cluster-wide list each (none at all for no namespaces), as the fabric8 adapter does.
   */
  @Override
  public ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount) {
    if (hostNamespaces.isEmpty()) {
      return ClusterSnapshot.empty();
    }
    for (String kind : List.of("listNamespaces", "listServiceAccounts", "listDeployments", "listStatefulSets")) {
      request(kind, false);
    }
    ClusterSnapshot snapshot;
    synchronized (this) {
      snapshot = snapshot(hostNamespaces, serviceAccount);
    }
    if (!snapshot.workloads().isEmpty()) {
      request("listPods", false); // one list by the workloads' selector
    }
    return snapshot;
  }

  private ClusterSnapshot snapshot(Set<String> hostNamespaces, String serviceAccount) {
    Map<String, Map<String, String>> existing = new LinkedHashMap<>();
    hostNamespaces.stream().filter(namespaces::containsKey).sorted().forEach(ns -> existing.put(ns, namespaces.get(ns)));
    Map<String, ServiceAccountInfo> sas = new HashMap<>();
    List<WorkloadInfo> ws = new ArrayList<>();
    List<PodInfo> ps = new ArrayList<>();
    for (String ns : existing.keySet()) {
      Map<String, String> annotations = serviceAccounts.getOrDefault(ns, Map.of()).get(serviceAccount);
      if (annotations != null) {
        sas.put(ns, new ServiceAccountInfo(ns, serviceAccount, annotations));
      }
      Set<WorkloadRef> observed = new LinkedHashSet<>();
      for (WorkloadKind kind : WorkloadKind.values()) {
        // Looked up by key, not scanned: observing N namespaces stays linear in N.
        WorkloadRef ref = new WorkloadRef(kind, ns, workloadName);
        FakeWorkload w = workloads.get(ref);
        if (w != null) {
          ws.add(info(ref, w));
          observed.add(ref);
        }
      }
      // The adapter lists pods by the workloads' selector and keeps those running as the service account.
      pods.getOrDefault(ns, List.of()).stream()
          .filter(p -> p.workload().filter(observed::contains).isPresent())
          .filter(p -> p.serviceAccount().equals(serviceAccount))
          .forEach(ps::add);
    }
    return new ClusterSnapshot(existing, sas, ws, ps);
  }

  /**
   * Stamps the pod template with {@code restartedAt} (a new generation) and, unless the workload is
   * {@linkplain #stuck stuck}, replaces its pods at once with new ones that get the environment the webhooks give
   * now. A missing workload is {@code NOT_FOUND}, as the API server's 404.
   */
  @Override
  public void restart(WorkloadRef workload, Instant at) {
    request("patch" + kindName(workload), true);
    synchronized (this) {
      FakeWorkload w = requireWorkload(workload);
      w.restartedAt = at;
      w.generation++;
      w.rolloutHung = w.stuck;
      if (!w.stuck) {
        replacePods(workload, w);
      }
    }
  }

  /** Complete at once, unless the workload is {@linkplain #stuck stuck}: then a {@code TIMEOUT}, without waiting. */
  @Override
  public void awaitRollout(WorkloadRef workload, Duration timeout) {
    request("get" + kindName(workload), false);
    WorkloadInfo state;
    synchronized (this) {
      state = info(workload, requireWorkload(workload));
    }
    if (!state.rolloutComplete()) {
      throw new ClusterApiException(ClusterApiException.Reason.TIMEOUT, workload.toString(),
          "rollout not complete after " + timeout + ": generation " + state.generation() + ", observed "
              + state.observedGeneration() + ", replicas " + state.replicas() + ", updated "
              + state.updatedReplicas() + ", ready " + state.readyReplicas());
    }
  }

  /**
   * A token signed by the cluster's {@linkplain #issuer() issuer}, issued now on the {@linkplain #clock(Clock) clock},
   * as the API server's TokenRequest answers: {@code NOT_FOUND} when the service account does not exist, and the
   * API server's refusal ({@code OTHER}) of an expiry under ten minutes. One {@code createServiceAccountToken} request
   * (a write, as Kubernetes' {@code create} verb has it); the token is not logged.
   */
  @Override
  public String requestServiceAccountToken(String namespace, String serviceAccount, String audience,
      Duration expiry) {
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(expiry, "expiry");
    request("createServiceAccountToken", true);
    String resource = "serviceaccount/" + serviceAccount + " -n " + namespace + " (token)";
    Optional<String> refusal = ServiceAccountIssuer.tokenRequestRefusal(expiry);
    if (refusal.isPresent()) {
      throw new ClusterApiException(ClusterApiException.Reason.OTHER, resource, "HTTP 422: " + refusal.get());
    }
    String uid;
    ServiceAccountIssuer signer;
    Instant now;
    synchronized (this) {
      uid = serviceAccountUids.get(namespace + "/" + serviceAccount);
      if (uid == null || !namespaces.containsKey(namespace)) {
        throw notFound(resource, "serviceaccounts \"" + serviceAccount + "\" not found");
      }
      signer = issuer;
      now = clock.instant();
    }
    return signer.sign(namespace, serviceAccount, uid, audience, now, expiry);
  }

  // ---------------------------------------------------------------- internals

  private String newUid() {
    return new java.util.UUID(uids.nextLong(), uids.nextLong()).toString();
  }

  /** Counts a request, waits its round trip and lets the faults act, outside the lock so requests overlap. */
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
    faults.onCall(kind, write);
  }

  private static String kindName(WorkloadRef ref) {
    return ref.kind() == WorkloadKind.DEPLOYMENT ? "Deployment" : "StatefulSet";
  }

  private void replacePods(WorkloadRef ref, FakeWorkload w) {
    List<PodInfo> list = pods.computeIfAbsent(ref.namespace(), k -> new ArrayList<>());
    list.removeIf(p -> p.workload().filter(ref::equals).isPresent());
    String template = alnum(10);
    for (int i = 0; i < w.replicas; i++) {
      String name = ref.kind() == WorkloadKind.STATEFULSET ? ref.name() + "-" + i
          : ref.name() + "-" + template + "-" + alnum(5);
      list.add(newPod(ref, w, name));
    }
  }

  /** The admission of a new pod: the webhooks inject what is true at this moment. */
  private PodInfo newPod(WorkloadRef ref, FakeWorkload w, String name) {
    Map<String, String> env = new TreeMap<>(w.env);
    String roleArn = annotations(ref.namespace(), w.serviceAccount).get(IdentityEnv.ROLE_ARN_ANNOTATION);
    if (roleArn != null) {
      env.putAll(IdentityEnv.irsa(roleArn));
    }
    if (podIdentity.test(ref.namespace(), w.serviceAccount)) {
      env.putAll(IdentityEnv.podIdentity());
    }
    return new PodInfo(ref.namespace(), name, w.serviceAccount, Optional.of(ref), "Running", true, clock.instant(),
        env, List.of(new ContainerImage(ref.name(), w.image)));
  }

  /** Hung rollouts are observed but not updated; the old pods keep serving, so they stay ready. */
  private static WorkloadInfo info(WorkloadRef ref, FakeWorkload w) {
    int updated = w.rolloutHung ? 0 : w.replicas;
    return new WorkloadInfo(ref, w.generation, w.generation, w.replicas, updated, w.replicas,
        List.of(new ContainerImage(ref.name(), w.image)));
  }

  private FakeWorkload requireWorkload(WorkloadRef ref) {
    FakeWorkload w = workloads.get(ref);
    if (w == null) {
      throw notFound(ref.toString(), ref.kind().kubectlName() + "s.apps \"" + ref.name() + "\" not found");
    }
    return w;
  }

  private FakeControlPlane findControlPlane(String group, String name) {
    FakeControlPlane cp = controlPlanes.get(group + "/" + name);
    if (cp == null) {
      throw notFound("controlplane/" + name + " -n " + group,
          "controlplanes.spaces.upbound.io \"" + name + "\" not found");
    }
    return cp;
  }

  private static ClusterApiException notFound(String resource, String message) {
    return new ClusterApiException(ClusterApiException.Reason.NOT_FOUND, resource, message);
  }

  private String alnum(int n) {
    String chars = "bcdfghjklmnpqrstvwxz2456789"; // the alphabet of Kubernetes' generated names
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(chars.charAt(names.nextInt(chars.length())));
    }
    return s.toString();
  }

  /** E.g. {@code InMemoryCluster[3 control planes, 4 namespaces, 3 workloads]}. */
  @Override
  public synchronized String toString() {
    return "InMemoryCluster[" + controlPlanes.size() + " control planes, " + namespaces.size() + " namespaces, "
        + workloads.size() + " workloads]";
  }
}
