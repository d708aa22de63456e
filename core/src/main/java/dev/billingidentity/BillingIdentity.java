package dev.billingidentity;

import dev.billingidentity.calls.CallCounter;
import dev.billingidentity.calls.PacedAws;
import dev.billingidentity.calls.ReadRetries;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.plan.ApplyProgress;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.plan.PlanExecutor;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.IdentityStrategy;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.AwsBackendProvider;
import dev.billingidentity.spi.cluster.ClusterBackendProvider;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.IdentityProbe;
import dev.billingidentity.verify.VerificationReport;
import dev.billingidentity.verify.VerifyOptions;
import dev.billingidentity.workload.RestartWorkload;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing workload's AWS identity for a Space, as plan, apply, verify, restart and destroy:
 *
 * <pre>{@code
 * ApplyResult result = BillingIdentity.irsa(IrsaSettings.builder()
 *         .cluster("spaces-prod")
 *         .role(IamRole.named("spaces-billing"))
 *         .storage(BillingStorage.s3("us-east-1", "acme-billing"))
 *         .build())
 *     .forControlPlanes(ControlPlanes.discovered())
 *     .apply();
 * }</pre>
 *
 * <p>Instances are immutable: every {@code with...}/{@code using}/{@code for...} method returns a new one, and one
 * instance may serve many operations (each observes AWS and the cluster afresh). The AWS and cluster backends are
 * those passed with {@link #using}, or else found with {@link ServiceLoader} ({@code billing-identity-aws} and
 * {@code billing-identity-kubernetes} provide the default ones); the strategy likewise.
 */
public final class BillingIdentity {
  private static final Logger LOG = LoggerFactory.getLogger(BillingIdentity.class);

  private final IdentitySettings settings;
  private final ControlPlanes controlPlanes;
  private final Defaults defaults;
  private final AwsBackend aws;
  private final ClusterPort cluster;
  private final IdentityStrategy strategy;
  private final ApplyOptions options;
  private final Retry retry;
  private final Clock clock;
  private final ApplyProgress progress;

  private BillingIdentity(IdentitySettings settings, ControlPlanes controlPlanes, AwsBackend aws, ClusterPort cluster,
      IdentityStrategy strategy, ApplyOptions options, Retry retry, Clock clock) {
    this(new Defaults(), settings, controlPlanes, aws, cluster, strategy, options, retry, clock, ApplyProgress.NONE);
  }

  private BillingIdentity(Defaults defaults, IdentitySettings settings, ControlPlanes controlPlanes, AwsBackend aws,
      ClusterPort cluster, IdentityStrategy strategy, ApplyOptions options, Retry retry, Clock clock,
      ApplyProgress progress) {
    this.defaults = defaults;
    this.settings = settings;
    this.controlPlanes = controlPlanes;
    this.aws = aws;
    this.cluster = cluster;
    this.strategy = strategy;
    this.options = options;
    this.retry = retry;
    this.clock = clock;
    this.progress = progress;
  }

  /** IRSA: the cluster's OIDC provider and one exact subject per control plane in the role's trust. */
  public static BillingIdentity irsa(IrsaSettings settings) {
    return of(settings);
  }

  /** EKS Pod Identity: {@code pods.eks.amazonaws.com} in the role's trust and one association per host namespace. */
  public static BillingIdentity podIdentity(PodIdentitySettings settings) {
    return of(settings);
  }

  private static BillingIdentity of(IdentitySettings settings) {
    return new BillingIdentity(Objects.requireNonNull(settings, "settings"), ControlPlanes.discovered(), null, null,
        null, ApplyOptions.defaults(), Retry.standard(), Clock.systemUTC());
  }

  /** Which control planes to manage; {@link ControlPlanes#discovered()} (all of the Space's) by default. */
  public BillingIdentity forControlPlanes(ControlPlanes controlPlanes) {
    return new BillingIdentity(defaults, settings, Objects.requireNonNull(controlPlanes, "controlPlanes"), aws, cluster,
        strategy, options, retry, clock, progress);
  }

  /** The AWS and cluster backends to use (real adapters, or the in-memory fakes of {@code billing-identity-testing}). */
  public BillingIdentity using(AwsBackend aws, ClusterPort cluster) {
    return new BillingIdentity(defaults, settings, controlPlanes, Objects.requireNonNull(aws, "aws"),
        Objects.requireNonNull(cluster, "cluster"), strategy, options, retry, clock, progress);
  }

  /** The strategy to use instead of the one {@link ServiceLoader} finds for the mode. */
  public BillingIdentity withStrategy(IdentityStrategy strategy) {
    if (strategy.mode() != settings.mode()) {
      throw new IllegalArgumentException("a " + strategy.mode().displayName() + " strategy cannot serve "
          + settings.mode().displayName() + " settings");
    }
    return new BillingIdentity(defaults, settings, controlPlanes, aws, cluster, strategy, options, retry, clock,
        progress);
  }

  /** Concurrency, timeouts and attempts of apply. */
  public BillingIdentity withOptions(ApplyOptions options) {
    return new BillingIdentity(defaults, settings, controlPlanes, aws, cluster, strategy,
        Objects.requireNonNull(options, "options"), retry, clock, progress);
  }

  /** How to retry AWS's transient answers ({@link Retry#standard()} by default). */
  public BillingIdentity withRetry(Retry retry) {
    return new BillingIdentity(defaults, settings, controlPlanes, aws, cluster, strategy, options,
        Objects.requireNonNull(retry, "retry"), clock, progress);
  }

  /** The clock (restart timestamps). */
  public BillingIdentity withClock(Clock clock) {
    return new BillingIdentity(defaults, settings, controlPlanes, aws, cluster, strategy, options, retry,
        Objects.requireNonNull(clock, "clock"), progress);
  }

  /**
   * Who to tell of each change as an apply makes it (a progress display); nobody by default. The listener is called
   * from the threads that apply changes, possibly several at once.
   */
  public BillingIdentity withProgress(ApplyProgress progress) {
    return new BillingIdentity(defaults, settings, controlPlanes, aws, cluster, strategy, options, retry, clock,
        Objects.requireNonNull(progress, "progress"));
  }

  /** {@return the settings of the mode} */
  public IdentitySettings settings() {
    return settings;
  }

  /** {@return the control planes it acts on} */
  public ControlPlanes controlPlanes() {
    return controlPlanes;
  }

  /** {@return what {@link #apply()} would change} Only reads. */
  public Plan plan() {
    return strategy().plan(newContext(new CallCounter()));
  }

  /** Plans and applies; then verifies. Refuses a blocked plan before the first write. */
  public ApplyResult apply() {
    return run(IdentityStrategy::plan);
  }

  /**
   * Applies a plan made earlier by {@link #plan()} (e.g. after a review). Its changes are idempotent and edit what
   * AWS holds when applied, so applying an older plan does not undo what happened since.
   */
  public ApplyResult apply(Plan plan) {
    return run(ctx -> plan);
  }

  /** Checks, per control plane and for the whole, that the identity works. Only reads. */
  public VerificationReport verify() {
    return strategy().verify(newContext(new CallCounter()));
  }

  /**
   * {@link #verify()}, and with {@link VerifyOptions#probe()} vector's own chain for each control plane (or a sample):
   * a token for its service account, exchanged for the role's credentials, then {@code HeadBucket} with them; one
   * finding per control plane ({@link IdentityProbe}). Writes nothing AWS or the cluster keeps: the tokens and the
   * sessions expire on their own.
   */
  public VerificationReport verify(VerifyOptions options) {
    StrategyContext ctx = newContext(new CallCounter());
    VerificationReport report = strategy().verify(ctx);
    if (!options.probeEnabled()) {
      return report;
    }
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.addAll(IdentityProbe.probe(ctx, options));
    return new VerificationReport(findings);
  }

  /** What {@link #restartStale()} would restart: the workloads whose pods started before their identity. */
  public Plan restartPlan() {
    return restartPlan(newContext(new CallCounter()));
  }

  /**
   * Restarts the vector workloads whose pods predate their identity (and only those), at most
   * {@link ApplyOptions#concurrency()} at a time, each waiting for its rollout.
   */
  public ApplyResult restartStale() {
    return run((s, ctx) -> restartPlan(ctx));
  }

  /** {@return what {@link #destroy()} would remove, and what it would keep (the plan's notes)} Only reads. */
  public Plan destroyPlan() {
    return strategy().destroyPlan(newContext(new CallCounter()));
  }

  /**
   * Removes what the library created for this mode, and only that, for the chosen control planes. For a part of the
   * Space ({@link ControlPlanes#hostNamespaces}, {@link ControlPlanes#discoveredInGroups}, labels) only their IRSA
   * subjects or Pod Identity associations go, and the role stays; the role and its S3 policy go only with the whole
   * Space ({@link ControlPlanes#discovered()}), and then only when nothing else in its trust uses them.
   */
  public ApplyResult destroy() {
    return run(IdentityStrategy::destroyPlan);
  }

  /**
   * Runs an operation of a strategy module that goes beyond plan/apply (for example the migration from IRSA to Pod
   * Identity): the function makes a plan from the context, and the plan is applied and verified like any other.
   */
  public ApplyResult applyWith(Function<StrategyContext, Plan> planner) {
    return run(ctx -> planner.apply(ctx));
  }

  /** {@return a context for a strategy module's own read-only operations (same ports, same control planes)} */
  public StrategyContext newContext() {
    return newContext(new CallCounter());
  }

  private Plan restartPlan(StrategyContext ctx) {
    VerificationReport report = strategy().verify(ctx);
    String roleArn = settings.role().arn(ctx.account());
    Plan.Builder b = Plan.builder(settings.mode(), roleArn, HelmValues.of(settings.mode(), settings.storage(), roleArn));
    report.findings().stream()
        .filter(f -> f.workload().isPresent())
        .forEach(f -> b.add(new RestartWorkload(f.workload().get(), f.detail())));
    return b.build();
  }

  private interface PlanStep {
    Plan plan(IdentityStrategy strategy, StrategyContext context);
  }

  private ApplyResult run(Function<StrategyContext, Plan> planner) {
    return run((s, ctx) -> planner.apply(ctx));
  }

  private ApplyResult run(PlanStep step) {
    long start = System.nanoTime();
    CallCounter counter = new CallCounter();
    StrategyContext ctx = newContext(counter);
    Plan plan = step.plan(strategy(), ctx);
    if (plan.blocker().isPresent()) {
      throw plan.blocker().get();
    }
    ApplyContext applyContext = new ApplyContext(ctx.aws(), ctx.cluster(), retry, options, clock);
    List<Change> applied = PlanExecutor.apply(plan.changes(), applyContext, progress);
    VerificationReport after = strategy().verify(ctx.afterApply());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    ApplyResult result = new ApplyResult(plan, applied, after, counter.snapshot(), took);
    LOG.info("{}: {} change(s) applied in {} ms, {} AWS/cluster calls ({} writes); {}", settings.mode().displayName(),
        applied.size(), took.toMillis(), result.calls().total(), result.calls().writes(),
        after.isHealthy() ? "healthy" : after.drift().size() + " finding(s) to act on");
    return result;
  }

  private StrategyContext newContext(CallCounter counter) {
    // Counted inside the retries, so that every attempt shows in the call counts; paced inside the retries too, so
    // that every attempt waits its turn at the rate each AWS service answers this operation (PacedAws).
    AwsBackend paced = PacedAws.wrap(counter.wrap(aws()), retry).backend();
    return new StrategyContext(settings, ReadRetries.wrap(paced, retry), counter.wrap(cluster()), controlPlanes,
        options);
  }

  private IdentityStrategy strategy() {
    return strategy != null ? strategy : defaults.strategy(settings.mode());
  }

  private AwsBackend aws() {
    return aws != null ? aws : defaults.aws();
  }

  private ClusterPort cluster() {
    return cluster != null ? cluster : defaults.cluster();
  }

  /**
   * What {@link ServiceLoader} provides, looked up once and shared by the copies of one instance, so that the
   * default SDK clients are made once, not per operation.
   */
  private static final class Defaults {
    private IdentityStrategy strategy;
    private AwsBackend aws;
    private ClusterPort cluster;

    synchronized IdentityStrategy strategy(IdentityMode mode) {
      if (strategy == null) {
        strategy = findStrategy(mode);
      }
      return strategy;
    }

    synchronized AwsBackend aws() {
      if (aws == null) {
        aws = findAws();
      }
      return aws;
    }

    synchronized ClusterPort cluster() {
      if (cluster == null) {
        cluster = findCluster();
      }
      return cluster;
    }
  }

  private static IdentityStrategy findStrategy(IdentityMode mode) {
    return ServiceLoader.load(IdentityStrategy.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(s -> s.mode() == mode)
        .findFirst()
        .orElseThrow(() -> new BillingIdentityException("no " + mode.displayName()
            + " strategy found: add the billing-identity-aws-" + mode.id()
            + " artifact to the classpath, or pass one with withStrategy(...)"));
  }

  private static AwsBackend findAws() {
    return ServiceLoader.load(AwsBackendProvider.class).findFirst()
        .map(AwsBackendProvider::create)
        .orElseThrow(() -> new BillingIdentityException("no AWS backend: add the billing-identity-aws artifact to the "
            + "classpath, or pass one with using(aws, cluster)"));
  }

  private static ClusterPort findCluster() {
    return ServiceLoader.load(ClusterBackendProvider.class).findFirst()
        .map(ClusterBackendProvider::create)
        .orElseThrow(() -> new BillingIdentityException("no cluster backend: add the billing-identity-kubernetes "
            + "artifact to the classpath, or pass one with using(aws, cluster)"));
  }
}
