package dev.billingidentity.kubernetes;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ClusterPort} on a real cluster, through fabric8. Reads are cluster-wide lists (a constant number of
 * requests whatever the number of control planes); a restart is a read and one merge patch, as
 * {@code kubectl rollout restart}; a rollout is awaited as {@code kubectl rollout status} does.
 *
 * <p>RBAC it needs: {@code list} on {@code controlplanes.spaces.upbound.io}, {@code namespaces},
 * {@code serviceaccounts}, {@code pods}; {@code list}, {@code get} and {@code patch} on {@code deployments} and
 * {@code statefulsets} (apps).
 *
 * <pre>{@code
 * ClusterPort cluster = new Fabric8Cluster(new KubernetesClientBuilder().build());
 * // or, with kubeconfig / in-cluster configuration:
 * Fabric8Cluster cluster = Fabric8Cluster.fromDefaultConfig();
 * }</pre>
 *
 * The caller owns the client: closing it is the caller's business (or use {@link #close()} for
 * {@link #fromDefaultConfig()}).
 */
public final class Fabric8Cluster implements ClusterPort, AutoCloseable {
  /** How often {@link #awaitRollout} reads the workload. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

  private final KubernetesClient client;
  /** Set when this adapter made the client, and so could count its requests. */
  private final RequestCounter requestCounter;
  private final ControlPlaneDiscovery discovery;
  private final ClusterObserver observer;
  private final WorkloadRollouts rollouts;

  /** On a client the caller configured; vector workloads named {@code vector}, rollouts polled every 200 ms. */
  public Fabric8Cluster(KubernetesClient client) {
    this(client, SpacesResources.VECTOR, DEFAULT_POLL_INTERVAL);
  }

  /**
   * @param client the client, owned by the caller
   * @param workloadName the name of the billing workload (Deployment or StatefulSet) in each host namespace
   * @param pollInterval how often {@link #awaitRollout} reads the workload
   */
  public Fabric8Cluster(KubernetesClient client, String workloadName, Duration pollInterval) {
    this(client, workloadName, pollInterval, null);
  }

  private Fabric8Cluster(KubernetesClient client, String workloadName, Duration pollInterval,
      RequestCounter requestCounter) {
    JacksonAnnotationsCheck.require();
    this.client = Objects.requireNonNull(client, "client");
    this.requestCounter = requestCounter;
    this.discovery = new ControlPlaneDiscovery(client);
    this.observer = new ClusterObserver(client, Objects.requireNonNull(workloadName, "workloadName"));
    this.rollouts = new WorkloadRollouts(client, Objects.requireNonNull(pollInterval, "pollInterval"));
  }

  /** With fabric8's default configuration: {@code KUBECONFIG} / {@code ~/.kube/config}, or the in-cluster service account. */
  public static Fabric8Cluster fromDefaultConfig() {
    JacksonAnnotationsCheck.require();   // before fabric8 reads a kubeconfig with its Jackson
    return counting(new KubernetesClientBuilder());
  }

  /**
   * With the current context of the kubeconfig {@code file}, whatever {@code KUBECONFIG} says: for tools that take a
   * {@code --kubeconfig} option. The adapter owns the client it makes ({@link #close()} closes it).
   *
   * @throws dev.billingidentity.validation.InvalidInputException when the file is not a kubeconfig a client can be
   *     made of ({@link KubeconfigFile}): the problem names the file and never repeats its contents
   */
  public static Fabric8Cluster fromKubeconfig(java.nio.file.Path file) {
    JacksonAnnotationsCheck.require();   // before fabric8 reads the kubeconfig with its Jackson
    KubeconfigFile.require(file);
    io.fabric8.kubernetes.client.Config config;
    try {
      config = io.fabric8.kubernetes.client.Config.fromKubeconfig(file.toFile());
    } catch (RuntimeException e) {
      // fabric8's message may quote the file (a certificate, a token): its class says enough.
      throw new dev.billingidentity.validation.InvalidInputException(List.of(new dev.billingidentity.validation.Problem(
          "kubeconfig", file.toString(), "not a kubeconfig fabric8 can use (" + e.getClass().getSimpleName() + ")")));
    }
    return counting(new KubernetesClientBuilder().withConfig(config));
  }

  private static Fabric8Cluster counting(KubernetesClientBuilder builder) {
    RequestCounter counter = new RequestCounter();
    return new Fabric8Cluster(counter.install(builder).build(), SpacesResources.VECTOR, DEFAULT_POLL_INTERVAL,
        counter);
  }

  /**
   * How many HTTP requests this adapter's client has sent to the API server (retries included), when the adapter
   * made the client ({@link #fromDefaultConfig()}, {@link #fromKubeconfig}); empty for a client passed in, whose
   * requests it cannot see.
   */
  public java.util.OptionalLong httpRequests() {
    return requestCounter == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(requestCounter.requests());
  }

  /** The client this adapter uses. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query) {
    return discovery.discover(query);
  }

  @Override
  public ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount) {
    return observer.observe(Set.copyOf(hostNamespaces), Objects.requireNonNull(serviceAccount, "serviceAccount"));
  }

  @Override
  public void restart(WorkloadRef workload, Instant at) {
    rollouts.restart(workload, at);
  }

  @Override
  public void awaitRollout(WorkloadRef workload, Duration timeout) {
    rollouts.awaitRollout(workload, timeout);
  }

  /** Closes the client. */
  @Override
  public void close() {
    client.close();
  }
}
