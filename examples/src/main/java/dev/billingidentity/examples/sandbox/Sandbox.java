package dev.billingidentity.examples.sandbox;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.Faults;
import dev.billingidentity.testing.fault.RateLimit;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.server.FakeAwsServer;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problems;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole Space on loopback, with no AWS account and no cluster: the fake AWS server (IAM, STS, EKS and S3 over the
 * real wire protocols, state in an {@link InMemoryAws} with the EKS cluster {@value #CLUSTER}, its OIDC issuer, the
 * Pod Identity agent add-on and the billing bucket {@value #BUCKET}) and a Kubernetes API (fabric8's mock server in CRUD mode) holding N provisioned control
 * planes with vector deployed. The sandbox also plays the parts a real Space's machinery plays: the Helm chart
 * (an admin endpoint, or {@link #applyHelmValues}, annotates vector's service accounts), the Deployment controller
 * (a restart replaces the pods), the EKS webhooks (a new pod gets the identity that exists when it starts) and the
 * API server's service-account issuer ({@code kubectl create token} gets a token signed by {@link #issuer()}). Its AWS
 * can stand for a distant one ({@link Builder#awsLatency}) and for an account's request rates
 * ({@link Builder#rateLimit}: token buckets answered with each service's throttling error), and counts per service
 * the requests it accepted and throttled ({@link #awsCallsByService()}, {@code GET /aws-calls} on the admin endpoint).
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().controlPlanes(3).start()) {
 *   sandbox.writeKubeconfig(Path.of("sandbox.kubeconfig"));
 *   // point the CLI or the library at sandbox.awsEndpoint() and the kubeconfig
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  /**
   * The mock API server logs every request at INFO through java.util.logging, which would bury what the sandbox
   * prints; held here so the level set on it is not lost to garbage collection.
   */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }
  /** The sandbox's EKS cluster. */
  public static final String CLUSTER = "spaces-sandbox";
  /**
   * The image vector runs unless the builder says otherwise: a release that can use Pod Identity (0.46.0 or later),
   * so that the demo ends healthy in both modes.
   */
  public static final String DEFAULT_VECTOR_IMAGE = "timberio/vector:0.47.0-distroless-libc";
  /** Its region. */
  public static final String REGION = InMemoryAws.DEFAULT_REGION;
  /** Its account. */
  public static final String ACCOUNT_ID = InMemoryAws.DEFAULT_ACCOUNT_ID;
  /** The billing bucket the sandbox holds, in {@link #REGION} unless the builder says otherwise (SSE-S3). */
  public static final String BUCKET = "acme-billing";
  /** The access key the fake AWS server accepts (it checks no signature; the SDK needs some credentials to sign). */
  public static final String ACCESS_KEY_ID = "AKIASANDBOXEXAMPLE00";
  /** The secret key that goes with {@link #ACCESS_KEY_ID}. */
  public static final String SECRET_ACCESS_KEY = "sandbox-secret-not-a-real-key";

  private final InMemoryAws aws;
  private final FakeAwsServer awsServer;
  private final KubernetesMockServer kubeServer;
  private final LatencyDispatcher kubeLatency;
  private final KubernetesClient client;
  private final SandboxSpace space;
  private final RolloutController rollouts;
  private final SandboxAdmin admin;
  private final Thread requestJournalDrain;
  private final ServiceAccountIssuer issuer;
  private final Map<String, RateLimit> rateLimits;
  private final Duration awsLatency;

  private Sandbox(Builder b) {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      this.aws = new InMemoryAws();
      // The host cluster's service-account issuer is the EKS cluster's OIDC issuer, as on EKS.
      this.issuer = new ServiceAccountIssuer(aws.givenCluster(CLUSTER));
      // The sandbox's STS and EKS Auth verify the cluster's tokens with the issuer's public keys, as AWS does.
      aws.trustIssuerKeys(issuer.url(), issuer.publicJwks());
      aws.givenAddon(CLUSTER, InMemoryAws.POD_IDENTITY_AGENT);
      aws.s3().givenBucket(BUCKET, b.bucketRegion);
      if (b.bucketKmsKey != null) {
        aws.s3().givenBucketEncryption(BucketEncryption.sseKms(BUCKET, Optional.of(b.bucketKmsKey), true));
      }
      this.awsServer = FakeAwsServer.start(aws, b.awsPort);
      started.add(awsServer);
      Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
      // CRUD mode: the server stores what clients write and answers lists, gets, patches and watches from it.
      this.kubeLatency = new LatencyDispatcher(new KubectlRequests(new KubernetesMixedDispatcher(responses), issuer,
          java.time.Clock.systemUTC()));
      this.kubeServer = startKubernetes(b.kubePort, responses, kubeLatency);
      started.add(kubeServer::destroy);
      this.requestJournalDrain = drainRequestJournal(kubeServer);
      started.add(requestJournalDrain::interrupt);
      this.client = kubeServer.createClient();
      started.add(client);
      this.space = new SandboxSpace(client, aws, CLUSTER, b.vectorImage);
      for (int i = 0; i < b.controlPlanes; i++) {
        space.addControlPlane(b.groups.get(i % b.groups.size()));
      }
      this.rollouts = new RolloutController(client, space);
      started.add(rollouts);
      // The operator's configuration resource, as the chart installs it: kubectl can then create BillingIdentities.
      client.resource(dev.billingidentity.examples.operator.BillingIdentityResources.crdYaml()).create();
      this.admin = SandboxAdmin.start(space, aws, b.adminPort);
      // The account's rates and distance apply to its users, not to the sandbox's own seeding.
      b.rateLimits.forEach(aws.faults()::rateLimit);
      if (!b.awsLatency.isZero()) {
        aws.faults().latency(Faults.ANY, b.awsLatency);
      }
      aws.calls().reset();
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
    LOG.info("sandbox started: AWS {}, Kubernetes {}, admin {}, {} control planes", awsEndpoint(),
        kubernetesUrl(), adminEndpoint(), b.controlPlanes);
    this.rateLimits = Map.copyOf(b.rateLimits);
    this.awsLatency = b.awsLatency;
  }

  /** A builder: 3 control planes in the group {@code default}, every port a free one. */
  public static Builder builder() {
    return new Builder();
  }

  private static KubernetesMockServer startKubernetes(int port, Map<ServerRequest, Queue<ServerResponse>> responses,
      LatencyDispatcher dispatcher) {
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), responses, dispatcher, false);
    try {
      server.init(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      // init starts Vert.x's (non-daemon) threads before it binds: stop them, or a port in use keeps the JVM alive.
      server.destroy();
      throw new IllegalStateException("cannot start the Kubernetes API on 127.0.0.1:" + port + ": " + e.getMessage(),
          e);
    }
    return server;
  }

  /**
   * The mock server keeps every request it served, bodies included, for tests to take; a sandbox that runs for hours
   * under an operator would grow without bound. This takes them as they come (the request count is kept apart).
   */
  private static Thread drainRequestJournal(KubernetesMockServer server) {
    Thread drain = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          server.takeRequest();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sandbox-request-journal-drain");
    drain.setDaemon(true);
    drain.start();
    return drain;
  }

  /** The fake AWS server: the endpoint override for IAM, STS and EKS ({@code --aws-endpoint}). */
  public URI awsEndpoint() {
    return awsServer.endpoint();
  }

  /** The Kubernetes API server's URL. */
  public URI kubernetesUrl() {
    return URI.create("http://127.0.0.1:" + kubeServer.getPort());
  }

  /**
   * The admin endpoint: {@code POST /helm-values}, {@code POST|GET /control-planes}, {@code DELETE /control-planes/NS},
   * {@code GET|DELETE /aws-calls}.
   */
  public URI adminEndpoint() {
    return admin.endpoint();
  }

  /** The EKS cluster's OIDC issuer URL: the URL of {@link #issuer()}. */
  public String oidcIssuer() {
    return issuer.url();
  }

  /**
   * The host cluster's service-account issuer: it signs the tokens the sandbox's TokenRequest API answers
   * ({@code kubectl create token}), its URL is the EKS cluster's OIDC issuer, and its
   * {@linkplain ServiceAccountIssuer#publicJwks() public keys} are what the sandbox's STS and EKS Auth verify them with.
   */
  public ServiceAccountIssuer issuer() {
    return issuer;
  }

  /** The AWS state behind the fake server, for tests and the demo to look at. */
  public InMemoryAws aws() {
    return aws;
  }

  /**
   * From now on, every answer of the Kubernetes API waits {@code latency} (zero, the default: none), so that the
   * sandbox stands in for a distant or busy API server; the sandbox's own seeding is best done without.
   */
  public void kubernetesLatency(Duration latency) {
    kubeLatency.latency(Objects.requireNonNull(latency, "latency"));
  }

  /** The request rate limits of the sandbox's AWS services, by service ({@code EKS}, {@code IAM}, ...), sorted. */
  public Map<String, RateLimit> awsRateLimits() {
    return new TreeMap<>(rateLimits);
  }

  /** How long each answer of the sandbox's AWS waits (zero: none). */
  public Duration awsLatency() {
    return awsLatency;
  }

  /**
   * The requests the sandbox's AWS received since it started (its own seeding excepted), by service, each with how
   * many were answered with the service's throttling error: the accepted ones, over the time a run took, are the
   * rate it achieved against {@link #awsRateLimits()}.
   */
  public Map<String, CallCounts> awsCallsByService() {
    return aws.callsByService();
  }

  /**
   * {@link #awsCallsByService()} as {@code GET /aws-calls} answers it, one service a line, its name's spaces as
   * hyphens: {@code EKS calls=120 accepted=100 throttled=20}.
   */
  public String awsCallsReport() {
    return SandboxAdmin.awsCalls(awsCallsByService());
  }

  /** How many requests the Kubernetes API has served since it started (the sandbox's own included). */
  public int kubernetesRequests() {
    return kubeServer.getRequestCount();
  }

  /** A client of the sandbox's Kubernetes API, owned by the sandbox. */
  public KubernetesClient kubernetesClient() {
    return client;
  }

  /** The host namespaces of the sandbox's control planes, in creation order. */
  public List<String> hostNamespaces() {
    return space.hostNamespaces();
  }

  /** Provisions another control plane in {@code group}, with vector deployed; returns its host namespace. */
  public String addControlPlane(String group) {
    return space.addControlPlane(Objects.requireNonNull(group, "group"));
  }

  /** Deletes a control plane (by host namespace) and its host namespace. */
  public void removeControlPlane(String hostNamespace) {
    space.removeControlPlane(hostNamespace);
  }

  /** The environment of every vector pod of the Space, as the API server holds it (what the webhooks injected). */
  public List<Map<String, String>> vectorPodEnvironments() {
    return space.vectorPodEnvironments();
  }

  /** Plays {@code helm upgrade} of the Space with {@code values}: vector's service accounts get them. */
  public void applyHelmValues(HelmValues values) {
    space.applyHelmValues(Objects.requireNonNull(values, "values"));
  }

  /** Writes a kubeconfig for the sandbox's API server (context {@code sandbox}) to {@code file}. */
  public Path writeKubeconfig(Path file) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster:
            server: %s
        users:
        - name: sandbox
          user:
            token: sandbox
        contexts:
        - name: sandbox
          context:
            cluster: sandbox
            user: sandbox
            namespace: default
        current-context: sandbox
        """.formatted(kubernetesUrl());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig to " + file, e);
    }
  }

  /**
   * What to export so that the CLI, the SDK, the aws CLI and kubectl reach the sandbox: the sandbox's credentials and
   * region ({@code AWS_REGION} for the SDK, {@code AWS_DEFAULT_REGION} for the aws CLI v1, which reads no other),
   * {@code AWS_ENDPOINT_URL} and {@code KUBECONFIG} (fabric8 and kubectl alike).
   */
  public Map<String, String> environment(Path kubeconfig) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    env.put("AWS_REGION", REGION);
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("AWS_ENDPOINT_URL", awsEndpoint().toString());
    env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    return env;
  }

  /** Stops the admin endpoint, the rollouts, the Kubernetes API and the fake AWS server, in that order. */
  @Override
  public void close() {
    // In the order they started: closeAll stops the last first.
    closeAll(List.of(awsServer, kubeServer::destroy, requestJournalDrain::interrupt, client, rollouts, admin));
    LOG.info("sandbox stopped");
  }

  /** Closes {@code resources} last first. */
  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("sandbox: could not stop {}: {}", resources.get(i), e.toString());
      }
    }
  }

  /** Builds a {@link Sandbox}; {@link #start()} checks every setting and reports every problem at once. */
  public static final class Builder {
    private static final Pattern KMS_KEY_ARN =
        Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");
    /** Beyond a minute an answer outlasts the SDK adapters' call timeout (60 s): no client would ever see one. */
    static final Duration MAX_AWS_LATENCY = Duration.ofMinutes(1);
    private int controlPlanes = 3;
    private List<String> groups = List.of("default");
    private String vectorImage = DEFAULT_VECTOR_IMAGE;
    private int awsPort;
    private int kubePort;
    private int adminPort;
    private String bucketRegion = REGION;
    private String bucketKmsKey;
    private final Map<String, RateLimit> rateLimits = new TreeMap<>();
    private Duration awsLatency = Duration.ZERO;

    private Builder() {}

    /**
     * Limits the requests to one of the sandbox's AWS services ({@code EKS}, {@code IAM}, {@code STS},
     * {@code EKS Auth}, {@code S3}) as AWS limits an account's: a token bucket of the limit's burst, refilled at its
     * rate, each request that finds it empty answered at once with the service's throttling error (EKS's 429
     * {@code TooManyRequestsException}, IAM's 400 {@code Throttling}). None by default.
     */
    public Builder rateLimit(String service, RateLimit limit) {
      rateLimits.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(limit, "limit"));
      return this;
    }

    /**
     * How long each answer of the sandbox's AWS waits, throttled ones included (zero, the default: none), so that it
     * stands in for a distant AWS: e.g. 20 ms, a round trip from a laptop to a region.
     */
    public Builder awsLatency(Duration latency) {
      this.awsLatency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /**
     * The region of the billing bucket {@value Sandbox#BUCKET} ({@value Sandbox#REGION} by default): another one
     * shows how a plan for {@value Sandbox#REGION} is refused.
     */
    public Builder bucketRegion(String region) {
      this.bucketRegion = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Encrypts the billing bucket by default with SSE-KMS and this customer key's ARN (SSE-S3 unless set). */
    public Builder bucketKmsKey(String keyArn) {
      this.bucketKmsKey = Objects.requireNonNull(keyArn, "keyArn");
      return this;
    }

    /** How many provisioned control planes the Space starts with (0 to 1,000). */
    public Builder controlPlanes(int n) {
      this.controlPlanes = n;
      return this;
    }

    /** Spreads the control planes over these groups (Kubernetes namespaces), round robin. */
    public Builder groups(String... groups) {
      this.groups = List.of(groups);
      return this;
    }

    /**
     * The image of vector's container in every control plane ({@value Sandbox#DEFAULT_VECTOR_IMAGE} unless set),
     * e.g. {@code timberio/vector:0.43.1-distroless-libc}, too old for Pod Identity, to see {@code verify} say so.
     */
    public Builder vectorImage(String image) {
      this.vectorImage = image;
      return this;
    }

    /** The fake AWS server's port on 127.0.0.1 ({@code 0}: a free one). */
    public Builder awsPort(int port) {
      this.awsPort = port;
      return this;
    }

    /** The Kubernetes API's port on 127.0.0.1 ({@code 0}: a free one). */
    public Builder kubePort(int port) {
      this.kubePort = port;
      return this;
    }

    /** The admin endpoint's port on 127.0.0.1 ({@code 0}: a free one). */
    public Builder adminPort(int port) {
      this.adminPort = port;
      return this;
    }

    /**
     * Starts the sandbox; everything started is stopped again if a part fails to start.
     *
     * @throws InvalidInputException naming every setting out of range, before anything starts
     * @throws IllegalStateException when a server cannot start (e.g. its port is in use)
     */
    public Sandbox start() {
      Problems p = new Problems();
      check(p);
      p.throwIfAny();
      return new Sandbox(this);
    }

    /** Adds a problem to {@code p} for each setting out of range (what {@link #start()} would refuse). */
    public void check(Problems p) {
      p.require(controlPlanes >= 0 && controlPlanes <= 1000, "controlPlanes", controlPlanes, "between 0 and 1000");
      p.require(!groups.isEmpty(), "groups", groups, "at least one group");
      groups.forEach(g -> InputRules.namespace(p, "groups", g));
      // Kubernetes refuses an empty image and whitespace around one; any other reference is the kubelet's to pull.
      p.require(vectorImage != null && !vectorImage.isEmpty()
          && vectorImage.chars().noneMatch(Character::isWhitespace), "vectorImage", vectorImage,
          "a container image reference without spaces, e.g. " + DEFAULT_VECTOR_IMAGE);
      Map<Integer, String> taken = new HashMap<>();
      port(p, "awsPort", awsPort, taken);
      port(p, "kubePort", kubePort, taken);
      port(p, "adminPort", adminPort, taken);
      InputRules.region(p, "bucketRegion", bucketRegion);
      if (bucketKmsKey != null) {
        p.require(KMS_KEY_ARN.matcher(bucketKmsKey).matches(), "bucketKmsKey", bucketKmsKey,
            "a KMS key ARN, arn:aws:kms:<region>:<account>:key/<key id>");
      }
      rateLimits.keySet().forEach(service -> p.require(InMemoryAws.SERVICES.contains(service), "rateLimit", service,
          "one of the sandbox's AWS services " + new TreeSet<>(InMemoryAws.SERVICES)));
      p.require(!awsLatency.isNegative() && awsLatency.compareTo(MAX_AWS_LATENCY) <= 0, "awsLatency", awsLatency,
          "between 0 and " + MAX_AWS_LATENCY.toMillis() + " ms");
    }

    private static void port(Problems p, String field, int port, Map<Integer, String> taken) {
      if (p.require(port >= 0 && port <= 65535, field, port, "a port between 0 (a free one) and 65535") && port != 0) {
        String other = taken.putIfAbsent(port, field);
        p.require(other == null, field, port, "a port no other server of the sandbox uses (" + other + " has it)");
      }
    }
  }
}
