package dev.billingidentity.kubernetes;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
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
 * {@code statefulsets} (apps); for {@link #requestServiceAccountToken} only, {@code create} on
 * {@code serviceaccounts/token}.
 *
 * <pre>{@code
 * ClusterPort cluster = new Fabric8Cluster(new KubernetesClientBuilder().build());
 * // or, with kubeconfig / in-cluster configuration:
 * Fabric8Cluster cluster = Fabric8Cluster.fromDefaultConfig();
 * }</pre>
 *
 * The caller owns the client: closing it is the caller's business (or use {@link #close()} for
 * {@link #fromDefaultConfig()}).
 *
 * <p><b>Bounded time.</b> Every call of the port ends within its timeout ({@link #DEFAULT_TIMEOUT} unless given),
 * on the wall clock, retries included ({@link #awaitRollout}: within its own timeout plus this one), else it fails
 * with a {@link dev.billingidentity.spi.cluster.ClusterApiException.Reason#TIMEOUT} that names the API server and
 * the timeout. fabric8's request timeout alone does not do this: it stops at the response's headers, so an API
 * server that then sends a byte a second would hold a call forever. The clients this adapter makes also cancel a
 * response whose body is not complete within the timeout of its headers, so that an abandoned request keeps
 * neither a connection nor a thread.
 *
 * <p><b>No token in logs.</b> The clients this adapter makes ({@link #fromDefaultConfig}, {@link #fromKubeconfig})
 * leave out fabric8's HTTP logging interceptor, which at TRACE prints every request's {@code Authorization: Bearer}
 * header; for a client passed in, that is the caller's choice (see {@link #withoutHttpLogging}).
 */
public final class Fabric8Cluster implements ClusterPort, AutoCloseable {
  /** How often {@link #awaitRollout} reads the workload. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

  /**
   * The most one call of the port takes by default: a discovery is one or two lists, an observation five lists in
   * two round trips, a restart a read and a patch, which a healthy API server answers in well under a second even
   * for thousands of objects; a minute leaves room for fabric8's retries of a flapping server and fails a dead or
   * stalled one while the user is still watching.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The name fabric8 gives the interceptor that logs requests, headers included, when its logger is at TRACE. */
  private static final String HTTP_LOGGING_INTERCEPTOR = "HttpLogging";

  private final KubernetesClient client;
  /** Set when this adapter made the client, and so could count its requests. */
  private final RequestCounter requestCounter;
  private final CallDeadline deadline;
  private final ControlPlaneDiscovery discovery;
  private final ClusterObserver observer;
  private final WorkloadRollouts rollouts;
  private final ServiceAccountTokens tokens;

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
    this(client, workloadName, pollInterval, DEFAULT_TIMEOUT);
  }

  /**
   * @param client the client, owned by the caller
   * @param workloadName the name of the billing workload (Deployment or StatefulSet) in each host namespace
   * @param pollInterval how often {@link #awaitRollout} reads the workload
   * @param timeout the most one call of the port may take (see the class's "Bounded time")
   */
  public Fabric8Cluster(KubernetesClient client, String workloadName, Duration pollInterval, Duration timeout) {
    this(client, workloadName, pollInterval, timeout, null);
  }

  private Fabric8Cluster(KubernetesClient client, String workloadName, Duration pollInterval, Duration timeout,
      RequestCounter requestCounter) {
    JacksonAnnotationsCheck.require();
    this.client = Objects.requireNonNull(client, "client");
    this.requestCounter = requestCounter;
    this.deadline = new CallDeadline(Objects.requireNonNull(timeout, "timeout"), String.valueOf(client.getMasterUrl()));
    this.discovery = new ControlPlaneDiscovery(client);
    this.observer = new ClusterObserver(client, Objects.requireNonNull(workloadName, "workloadName"));
    this.rollouts = new WorkloadRollouts(client, Objects.requireNonNull(pollInterval, "pollInterval"));
    this.tokens = new ServiceAccountTokens(client);
  }

  /**
   * With fabric8's default configuration: {@code KUBECONFIG} / {@code ~/.kube/config}, or the in-cluster service
   * account; every call within {@link #DEFAULT_TIMEOUT}.
   *
   * @throws dev.billingidentity.BillingIdentityException when there is neither, saying what to set
   */
  public static Fabric8Cluster fromDefaultConfig() {
    return fromDefaultConfig(DEFAULT_TIMEOUT);
  }

  /** As {@link #fromDefaultConfig()}, every call within {@code timeout}. */
  public static Fabric8Cluster fromDefaultConfig(Duration timeout) {
    JacksonAnnotationsCheck.require();   // before fabric8 reads a kubeconfig with its Jackson
    return made(DefaultClusterConfig.find(), timeout);
  }

  /**
   * With the current context of the kubeconfig {@code file}, whatever {@code KUBECONFIG} says: for tools that take a
   * {@code --kubeconfig} option; every call within {@link #DEFAULT_TIMEOUT}. The adapter owns the client it makes
   * ({@link #close()} closes it).
   *
   * @throws dev.billingidentity.validation.InvalidInputException when the file is not a kubeconfig a client can be
   *     made of ({@link KubeconfigFile}): the problem names the file and never repeats its contents
   */
  public static Fabric8Cluster fromKubeconfig(Path file) {
    return fromKubeconfig(file, DEFAULT_TIMEOUT);
  }

  /** As {@link #fromKubeconfig(Path)}, every call within {@code timeout}. */
  public static Fabric8Cluster fromKubeconfig(Path file, Duration timeout) {
    Objects.requireNonNull(file, "file");
    JacksonAnnotationsCheck.require();   // before fabric8 reads the kubeconfig with its Jackson
    KubeconfigFile.require(file);
    Config config;
    try {
      config = Config.fromKubeconfig(file.toFile());
    } catch (RuntimeException e) {
      // fabric8's message may quote the file (a certificate, a token): its class says enough.
      throw new dev.billingidentity.validation.InvalidInputException(List.of(new dev.billingidentity.validation.Problem(
          "kubeconfig", file.toString(), "not a kubeconfig fabric8 can use (" + e.getClass().getSimpleName() + ")")));
    }
    return made(config, timeout);
  }

  /**
   * Removes fabric8's HTTP logging interceptor from the clients {@code builder} makes: at TRACE it prints each
   * request's headers, the bearer token among them. For callers who make their own client:
   * {@code new Fabric8Cluster(Fabric8Cluster.withoutHttpLogging(new KubernetesClientBuilder()).build())}.
   * (It replaces any HTTP client builder consumer set before.)
   */
  public static KubernetesClientBuilder withoutHttpLogging(KubernetesClientBuilder builder) {
    return builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null));
  }

  private static Fabric8Cluster made(Config config, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    // fabric8's own timeouts, capped at the call's: the connection, and each attempt up to the response's headers.
    int ms = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
    config.setConnectionTimeout(capped(config.getConnectionTimeout(), ms));
    config.setRequestTimeout(capped(config.getRequestTimeout(), ms));
    RequestCounter counter = new RequestCounter();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(http -> {
          counter.installOn(http);
          http.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null);
          http.addOrReplaceInterceptor(ResponseBodyDeadline.NAME, new ResponseBodyDeadline(timeout));
        })
        .build();
    return new Fabric8Cluster(client, SpacesResources.VECTOR, DEFAULT_POLL_INTERVAL, timeout, counter);
  }

  private static int capped(Integer configured, int cap) {
    return configured == null || configured <= 0 ? cap : Math.min(configured, cap);
  }

  /**
   * How many HTTP requests this adapter's client has sent to the API server (retries included), when the adapter
   * made the client ({@link #fromDefaultConfig()}, {@link #fromKubeconfig}); empty for a client passed in, whose
   * requests it cannot see.
   */
  public java.util.OptionalLong httpRequests() {
    return requestCounter == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(requestCounter.requests());
  }

  /** The most one call of the port may take. */
  public Duration timeout() {
    return deadline.timeout();
  }

  /** The client this adapter uses. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query) {
    return deadline.within("controlplanes.spaces.upbound.io", () -> discovery.discover(query));
  }

  @Override
  public ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount) {
    Set<String> namespaces = Set.copyOf(hostNamespaces);
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    return deadline.within("namespaces, serviceaccount/" + serviceAccount + ", vector workloads and pods -A",
        () -> observer.observe(namespaces, serviceAccount));
  }

  @Override
  public void restart(WorkloadRef workload, Instant at) {
    deadline.within(workload.toString(), () -> {
      rollouts.restart(workload, at);
      return null;
    });
  }

  @Override
  public void awaitRollout(WorkloadRef workload, Duration timeout) {
    deadline.within(workload.toString(), timeout, () -> {
      rollouts.awaitRollout(workload, timeout);
      return null;
    });
  }

  /** One {@code POST .../serviceaccounts/NAME/token}; the token is never logged. */
  @Override
  public String requestServiceAccountToken(String namespace, String serviceAccount, String audience,
      Duration expiry) {
    return tokens.request(namespace, serviceAccount, audience, expiry);
  }

  /** Closes the client. */
  @Override
  public void close() {
    client.close();
  }
}
