package dev.billingidentity.examples.operator;

import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.kubernetes.controller.BillingIdentityController;
import dev.billingidentity.kubernetes.controller.ControllerSettings;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.AwsBackend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing-identity operator: configured by {@code BillingIdentity} resources, it keeps each one's identity
 * true as control planes come and go, reports in their status and Events, and serves {@code /metrics},
 * {@code /healthz} and {@code /readyz}. Replicas compete for a {@code Lease}; only the holder reconciles
 * ({@link BillingIdentityController}), on a change of a resource, of a {@code ControlPlane} or of a host namespace,
 * and at least every {@link OperatorTimings#resyncPeriod()} / 10 to see whether a full resync is due.
 *
 * <pre>{@code
 * try (Operator operator = Operator.start(client, region -> awsBackendFor(region),
 *     Operator.Options.defaults("billing-identity"))) {
 *   // ... until shutdown
 * }
 * }</pre>
 */
public final class Operator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

  /**
   * How the operator runs.
   *
   * @param leaseNamespace the namespace of the leader-election {@code Lease}
   * @param controller the lease's name and timings, this replica's identity, the retry backoff (its lease namespace
   *     is {@code leaseNamespace}, its debounce the timings')
   * @param timings resync period, debounce, restart pacing
   * @param bindAddress the address the endpoints listen on
   * @param metricsPort the endpoints' port; 0 for a free one
   */
  public record Options(String leaseNamespace, ControllerSettings controller, OperatorTimings timings,
      String bindAddress, int metricsPort) {
    public Options {
      Objects.requireNonNull(leaseNamespace, "leaseNamespace");
      Objects.requireNonNull(controller, "controller");
      Objects.requireNonNull(timings, "timings");
      Objects.requireNonNull(bindAddress, "bindAddress");
    }

    /** The controller's and the operator's defaults, endpoints on port 8080 of every interface. */
    public static Options defaults(String leaseNamespace) {
      return new Options(leaseNamespace, ControllerSettings.defaults(leaseNamespace)
          .withLeaseName("billing-identity-operator"), OperatorTimings.defaults(), "0.0.0.0", 8080);
    }

    public Options withTimings(OperatorTimings newTimings) {
      return new Options(leaseNamespace, controller, newTimings, bindAddress, metricsPort);
    }

    public Options withController(ControllerSettings newController) {
      return new Options(leaseNamespace, newController, timings, bindAddress, metricsPort);
    }

    public Options withEndpoints(String newBindAddress, int newPort) {
      return new Options(leaseNamespace, controller, timings, newBindAddress, newPort);
    }
  }

  private final BillingIdentityController controller;
  private final OperatorMetrics metrics;
  private final OperatorEndpoints endpoints;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final ScheduledExecutorService ticker;
  private final ApiCheck apiCheck;
  private volatile boolean closed;

  private Operator(KubernetesClient client, Function<String, AwsBackend> awsByRegion, Options options, Retry retry)
      throws IOException {
    Clock clock = Clock.systemUTC();
    ControllerSettings c = options.controller();
    // The lease lives where the options say; the controller settings give its name, timings and this replica's id.
    ControllerSettings settings = new ControllerSettings(options.leaseNamespace(), c.leaseName(), c.identity(),
        c.leaseDuration(), c.renewDeadline(), c.retryPeriod(), c.debounce(), c.maxDebounce(), c.initialBackoff(),
        c.maxBackoff()).withDebounce(options.timings().debounce());
    BillingIdentityController[] self = new BillingIdentityController[1];
    this.metrics = new OperatorMetrics(() -> self[0] == null ? 0 : self[0].queueDepth(),
        () -> self[0] != null && self[0].isLeader() ? 1 : 0);
    OperatorPass pass = new OperatorPass(client, new Fabric8Cluster(client), awsByRegion, options.timings(), retry,
        clock, metrics, new ResourceEvents(client, settings.identity(), clock), () -> self[0].leadershipTerms());
    this.controller = new BillingIdentityController(client, settings, pass);
    self[0] = controller;
    this.apiCheck = new ApiCheck(client);
    this.endpoints = OperatorEndpoints.start(options.bindAddress(), options.metricsPort(), metrics::scrape,
        () -> !closed, () -> !closed && apiCheck.ok());
    this.informer = client.genericKubernetesResources(BillingIdentityResources.CONTEXT).runnableInformer(0);
    // Retry every failure (the CRD not installed yet, RBAC): an operator that stops hearing its resources is worse.
    informer.addEventHandler(new ResourceChanges(controller::requestReconcile)).exceptionHandler((started, e) -> true);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "billing-identity-resync");
      t.setDaemon(true);
      return t;
    });
    long tick = Math.max(1000, Math.min(60_000, options.timings().resyncPeriod().toMillis() / 10));
    ticker.scheduleAtFixedRate(controller::requestReconcile, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the operator: the endpoints at once, then the competition for the lease. Returns at once.
   *
   * @param client the cluster's client, owned by the caller
   * @param awsByRegion the AWS backend for a bucket region (the SDK adapters, or the sandbox's)
   * @param options lease, pacing, endpoints
   */
  public static Operator start(KubernetesClient client, Function<String, AwsBackend> awsByRegion, Options options) {
    return start(client, awsByRegion, options, Retry.standard());
  }

  static Operator start(KubernetesClient client, Function<String, AwsBackend> awsByRegion, Options options,
      Retry retry) {
    Operator operator;
    try {
      operator = new Operator(client, awsByRegion, options, retry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the operator's endpoints on " + options.bindAddress() + ":"
          + options.metricsPort() + ": " + e.getMessage(), e);
    }
    operator.informer.start();
    operator.controller.start();
    LOG.info("billing-identity operator started: lease {}/{} as {}, endpoints {}", options.leaseNamespace(),
        options.controller().leaseName(), options.controller().identity(), operator.endpoints.uri());
    return operator;
  }

  /** The endpoints' base URI ({@code /metrics}, {@code /healthz}, {@code /readyz}). */
  public URI endpoints() {
    return endpoints.uri();
  }

  /** Whether this replica holds the lease now. */
  public boolean isLeader() {
    return controller.isLeader();
  }

  /** The controller's counters. */
  public dev.billingidentity.kubernetes.controller.ControllerStats stats() {
    return controller.stats();
  }

  /** Stops: the pass in flight finishes (bounded), the lease is released, the endpoints close. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ticker.shutdownNow();
    informer.close();
    controller.close();
    endpoints.close();
  }

  /** Signals a pass when a resource's spec, deletion or finalizers change; its status changes do not. */
  private static final class ResourceChanges implements ResourceEventHandler<GenericKubernetesResource> {
    private final Runnable onChange;

    ResourceChanges(Runnable onChange) {
      this.onChange = onChange;
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      onChange.run();
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
      if (!key(oldObj).equals(key(newObj))) {
        onChange.run();
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
      onChange.run();
    }

    private static List<Object> key(GenericKubernetesResource r) {
      return java.util.Arrays.asList(r.getMetadata().getGeneration(), r.getMetadata().getDeletionTimestamp(),
          r.getMetadata().getFinalizers(), r.getAdditionalProperties().get("spec"));
    }
  }

  /**
   * Whether the API server answers a list of {@code BillingIdentity} resources (so the CRD is installed and RBAC
   * allows the list), asked at most every 5 s however often the probe comes.
   */
  private static final class ApiCheck {
    private static final Duration EVERY = Duration.ofSeconds(5);
    private final KubernetesClient client;
    private long checkedAt;
    private boolean ok;

    ApiCheck(KubernetesClient client) {
      this.client = client;
    }

    synchronized boolean ok() {
      long now = System.nanoTime();
      if (checkedAt == 0 || now - checkedAt > EVERY.toNanos()) {
        checkedAt = now;
        try {
          client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
              .list(new ListOptionsBuilder().withLimit(1L).build());
          ok = true;
        } catch (RuntimeException e) {
          if (ok) {
            LOG.warn("the API server does not list billingidentities: {}", e.getMessage());
          }
          ok = false;
        }
      }
      return ok;
    }
  }
}
