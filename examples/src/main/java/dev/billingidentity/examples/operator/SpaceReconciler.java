package dev.billingidentity.examples.operator;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.calls.CallCounter;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.plan.PlanExecutor;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@code BillingIdentity}'s identity true, through the ports only (so the in-memory fakes can measure it):
 *
 * <ul>
 *   <li>a <b>full resync</b> (on taking the lease, on a new spec, then every {@link OperatorTimings#resyncPeriod()}):
 *       {@code apply()} of the whole selection, which catches any drift and verifies, then credentials for the pods
 *       found stale;
 *   <li>between them, <b>incremental</b> passes: the control planes that appeared since are given their identity in
 *       one scoped plan (IRSA: one read-merge-write of the trust for the whole batch; Pod Identity: one create each)
 *       and, once it is visible, their pods are restarted and their environment checked; the host namespaces no
 *       control plane claims any more lose theirs (one scoped destroy, IRSA one trust write, Pod Identity one delete
 *       each). Its AWS calls do not grow with the Space: no full list, no verification of the others.
 * </ul>
 *
 * <p>Not thread-safe: the controller runs one pass at a time.
 */
final class SpaceReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(SpaceReconciler.class);

  private final IdentitySpec spec;
  private final AwsBackend aws;
  private final ClusterPort cluster;
  private final OperatorTimings timings;
  private final Retry retry;
  private final Clock clock;

  private IdentitySettings settings;
  private final Set<String> known = new TreeSet<>();
  private final Map<String, String> problems = new TreeMap<>();
  private final Map<String, Instant> firstSeen = new HashMap<>();
  // Host namespaces whose pods wait for their service account (IRSA's annotation, from the Space's Helm values).
  private final Set<String> waitingForServiceAccount = new TreeSet<>();
  private int pending;
  private Instant lastFullResync;
  private Instant blockedAt;
  /** How long a blocked full resync waits before it is tried again (a spec change tries at once). */
  static final Duration BLOCKED_RETRY = Duration.ofMinutes(2);
  private boolean fullResyncRequested = true;
  private String roleArn;
  private List<String> helmSetFlags = List.of();

  SpaceReconciler(IdentitySpec spec, AwsBackend aws, ClusterPort cluster, OperatorTimings timings, Retry retry,
      Clock clock) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.settings = spec.settings();
    this.aws = Objects.requireNonNull(aws, "aws");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.timings = Objects.requireNonNull(timings, "timings");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  IdentitySpec spec() {
    return spec;
  }

  /**
   * Whether the next pass should be a full resync: never made, asked for, or the period is over. A full resync that
   * was blocked is tried again only after {@link #BLOCKED_RETRY} (or the period, if shorter): its plan reads the
   * whole Space, and what blocks it waits for a person.
   */
  boolean fullResyncDue() {
    Instant now = clock.instant();
    if (blockedAt != null && now.isBefore(blockedAt.plus(min(BLOCKED_RETRY, timings.resyncPeriod())))) {
      return false;
    }
    return fullResyncRequested || lastFullResync == null || !now.isBefore(lastFullResync.plus(timings.resyncPeriod()));
  }

  /** Whether a full resync of this spec has succeeded: until then, there is nothing to catch up from. */
  boolean resynced() {
    return lastFullResync != null;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The counts of the selection as last seen. */
  Counts counts() {
    Set<String> unhealthy = new TreeSet<>(problems.keySet());
    unhealthy.retainAll(known);
    return new Counts(known.size() + pending, known.size() - unhealthy.size(), pending, problems.size());
  }

  /** What still keeps billing from working, by host namespace or subject ({@code role}, {@code addon}). */
  Map<String, String> problems() {
    return Map.copyOf(problems);
  }

  Optional<String> roleArn() {
    return Optional.ofNullable(roleArn);
  }

  List<String> helmSetFlags() {
    return helmSetFlags;
  }

  /**
   * {@code apply()} of the whole selection, then credentials for the pods it found stale.
   *
   * @throws PlanBlockedException a blocker of the plan: nothing written
   * @throws dev.billingidentity.BillingIdentityException a failure
   */
  PassResult fullResync() throws InterruptedException, PlanBlockedException {
    CallCounter counter = new CallCounter();
    BillingIdentity identity = identity(counter).forControlPlanes(spec.controlPlanes());
    SpaceView view = SpaceView.observe(cluster, spec.controlPlanes(), settings.trustUnlabelledHostNamespaces());
    Plan plan = identity.plan();
    remember(plan);
    if (plan.blocker().isPresent()) {
      blockedAt = clock.instant();
      throw PlanBlockedException.of(plan.blocker().get());
    }
    blockedAt = null;
    ApplyResult applied = identity.apply(plan);
    VerificationReport report = applied.verification();
    Set<String> staleNamespaces = new LinkedHashSet<>();
    report.staleWorkloads().forEach(w -> staleNamespaces.add(w.namespace()));
    CredentialRollout.Outcome rollout = rollout().ensure(staleNamespaces);

    problems.clear();
    for (Finding f : report.drift()) {
      if (f.state() == FindingState.PENDING
          || (f.state() == FindingState.STALE_PODS && rollout.credentialed().contains(f.subject()))) {
        continue;
      }
      problems.merge(f.subject(), f.detail(), (a, b) -> a + "; " + b);
    }
    rollout.problems().forEach(problems::put);
    waitingForServiceAccount.clear();
    waitingForServiceAccount.addAll(rollout.waitingForServiceAccount());
    report.drift().stream().filter(f -> f.check().equals("service-account-annotation"))
        .forEach(f -> waitingForServiceAccount.add(f.subject()));
    known.clear();
    known.addAll(view.provisioned());
    waitingForServiceAccount.retainAll(known);
    pending = view.pending();
    firstSeen.keySet().retainAll(known);
    List<Duration> times = credentialTimes(rollout.credentialed());
    lastFullResync = clock.instant();
    fullResyncRequested = false;
    List<String> changes = applied.applied().stream().map(Change::describe).toList();
    return new PassResult("FullResync", changes, names(rollout.restarted()), awsCalls(counter), problems, times,
        known.size() + " control plane(s), " + changes.size() + " change(s), " + rollout.restarted().size()
            + " restart(s), " + problems.size() + " finding(s)");
  }

  /**
   * Handles the control planes that came or went since the last pass; empty when none did (then no AWS call at
   * all: two Kubernetes lists).
   */
  Optional<PassResult> catchUp() throws InterruptedException, PlanBlockedException {
    SpaceView view = SpaceView.observe(cluster, spec.controlPlanes(), settings.trustUnlabelledHostNamespaces());
    pending = view.pending();
    Set<String> added = new TreeSet<>(view.provisioned());
    added.removeAll(known);
    Set<String> removed = new TreeSet<>();
    if (settings.prune()) {
      removed.addAll(known);
      removed.removeAll(view.claimed());
    }
    if (added.isEmpty() && removed.isEmpty()) {
      return recheckServiceAccounts();
    }
    Instant seen = clock.instant();
    added.forEach(ns -> firstSeen.putIfAbsent(ns, seen));
    CallCounter counter = new CallCounter();
    List<String> changes = new ArrayList<>();
    List<WorkloadRef> restarted = new ArrayList<>();
    List<Duration> times = List.of();
    if (!added.isEmpty()) {
      BillingIdentity identity = identity(counter).forControlPlanes(ControlPlanes.hostNamespaces(List.copyOf(added)));
      Plan plan = identity.plan();
      remember(plan);
      if (plan.blocker().isPresent()) {
        throw PlanBlockedException.of(plan.blocker().get());
      }
      changes.addAll(execute(plan, counter));
      awaitVisible(added, counter);
      CredentialRollout.Outcome rollout = rollout().ensure(added);
      restarted.addAll(rollout.restarted());
      known.addAll(added);
      added.forEach(problems::remove);
      rollout.problems().forEach(problems::put);
      waitingForServiceAccount.addAll(rollout.waitingForServiceAccount());
      times = credentialTimes(rollout.credentialed());
    }
    if (!removed.isEmpty()) {
      BillingIdentity identity = identity(counter)
          .forControlPlanes(ControlPlanes.hostNamespaces(List.copyOf(removed)));
      Plan destroy = identity.destroyPlan();
      if (destroy.blocker().isPresent()) {
        // e.g. IRSA refuses a part that would leave the trust with no statement: the full apply decides instead.
        LOG.info("removing {} control plane(s) one by one is refused ({}): a full resync follows", removed.size(),
            destroy.blocker().get().getMessage());
        fullResyncRequested = true;
      } else {
        changes.addAll(execute(destroy, counter));
        known.removeAll(removed);
        waitingForServiceAccount.removeAll(removed);
        removed.forEach(problems::remove);
        removed.forEach(firstSeen::remove);
      }
    }
    return Optional.of(new PassResult("Incremental", changes, names(restarted), awsCalls(counter), problems, times,
        added.size() + " control plane(s) added, " + removed.size() + " removed: " + changes.size() + " change(s), "
            + restarted.size() + " restart(s)"));
  }

  /**
   * The pods that waited for their service account (say, for the Space's Helm values to add IRSA's annotation) are
   * looked at again, Kubernetes requests only: restarted once it is right, so that nobody waits for the next full
   * resync. Empty when none waited or nothing changed.
   */
  private Optional<PassResult> recheckServiceAccounts() throws InterruptedException {
    if (waitingForServiceAccount.isEmpty() || roleArn == null) {
      return Optional.empty();
    }
    Set<String> waiting = Set.copyOf(waitingForServiceAccount);
    CredentialRollout.Outcome rollout = rollout().ensure(waiting);
    waitingForServiceAccount.clear();
    waitingForServiceAccount.addAll(rollout.waitingForServiceAccount());
    if (rollout.restarted().isEmpty() && rollout.credentialed().isEmpty()) {
      return Optional.empty();
    }
    waiting.forEach(problems::remove);
    rollout.problems().forEach(problems::put);
    List<Duration> times = credentialTimes(rollout.credentialed());
    return Optional.of(new PassResult("Incremental", List.of(), names(rollout.restarted()), Map.of(), problems,
        times, rollout.credentialed().size() + " control plane(s) whose service account is now right: "
            + rollout.restarted().size() + " restart(s)"));
  }

  /** Removes what the library created for the selection ({@code deletionPolicy: Delete}). */
  PassResult delete() {
    CallCounter counter = new CallCounter();
    ApplyResult destroyed = identity(counter).forControlPlanes(spec.controlPlanes()).destroy();
    List<String> changes = destroyed.applied().stream().map(Change::describe).toList();
    return new PassResult("Delete", changes, List.of(), awsCalls(counter), Map.of(), List.of(),
        changes.size() + " change(s) to remove what billing-identity created for " + spec.controlPlanes());
  }

  private void remember(Plan plan) {
    roleArn = plan.roleArn();
    helmSetFlags = List.copyOf(plan.helmValues().setFlags());
  }

  /** The plan's changes, applied without the verification of the whole selection that {@code apply()} adds. */
  private List<String> execute(Plan plan, CallCounter counter) {
    ApplyContext context = new ApplyContext(counter.wrap(aws), cluster, retry, ApplyOptions.defaults(), clock);
    return PlanExecutor.apply(plan.changes(), context).stream().map(Change::describe).toList();
  }

  /**
   * Pod Identity: waits until each new association is listed in its namespace (one call each while it is), since a
   * pod admitted before the association is visible never gets credentials. IRSA needs no wait here: the trust write
   * is read back before the change completes, and the webhook reads the service account's annotation, not IAM.
   */
  private void awaitVisible(Set<String> namespaces, CallCounter counter) throws InterruptedException {
    if (settings.mode() != IdentityMode.POD_IDENTITY) {
      return;
    }
    AwsBackend counted = counter.wrap(aws);
    Set<String> waiting = new TreeSet<>(namespaces);
    Instant deadline = clock.instant().plus(timings.visibilityTimeout());
    while (true) {
      for (String ns : List.copyOf(waiting)) {
        List<AssociationSummary> listed = counted.eks()
            .listPodIdentityAssociations(settings.cluster(), ns, null, 100).items();
        if (listed.stream().anyMatch(a -> a.serviceAccount().equals(settings.serviceAccount()))) {
          waiting.remove(ns);
        }
      }
      if (waiting.isEmpty() || !clock.instant().isBefore(deadline)) {
        if (!waiting.isEmpty()) {
          LOG.warn("associations in {} not listed after {} s: restarting anyway, the credential check decides",
              waiting, timings.visibilityTimeout().toSeconds());
        }
        return;
      }
      Thread.sleep(250);
    }
  }

  private CredentialRollout rollout() {
    return new CredentialRollout(cluster, settings.serviceAccount(),
        new PodCredentials(settings.mode(), Objects.requireNonNullElse(roleArn, "")), timings, clock);
  }

  private List<Duration> credentialTimes(Set<String> credentialed) {
    Instant now = clock.instant();
    List<Duration> times = new ArrayList<>();
    for (String ns : credentialed) {
      Instant seen = firstSeen.remove(ns);
      if (seen != null) {
        times.add(Duration.between(seen, now));
      }
    }
    return times;
  }

  /** The library, over these ports, with the account asked of STS once for the reconciler's life. */
  private BillingIdentity identity(CallCounter counter) {
    AwsBackend counted = counter.wrap(aws);
    if (settings.account().isEmpty()) {
      AwsAccount account = counted.sts().callerIdentity().awsAccount();
      settings = settings instanceof IrsaSettings irsa ? irsa.withAccount(account)
          : ((PodIdentitySettings) settings).withAccount(account);
    }
    BillingIdentity identity = settings instanceof IrsaSettings irsa ? BillingIdentity.irsa(irsa)
        : BillingIdentity.podIdentity((PodIdentitySettings) settings);
    return identity.using(counted, cluster).withRetry(retry).withClock(clock);
  }

  private static Map<String, Long> awsCalls(CallCounter counter) {
    Map<String, Long> out = new LinkedHashMap<>();
    counter.snapshot().byOperation().forEach((op, n) -> {
      if (!op.startsWith("cluster.")) {
        out.put(op, n);
      }
    });
    return out;
  }

  private static List<String> names(List<WorkloadRef> workloads) {
    return workloads.stream().map(WorkloadRef::toString).toList();
  }

  /**
   * The selection's counts.
   *
   * @param controlPlanes control planes of the selection
   * @param healthy those given an identity whose pods have credentials and that have no finding
   * @param pending those not provisioned, or whose host namespace is refused
   * @param findings what needs action, by host namespace or subject
   */
  record Counts(int controlPlanes, int healthy, int pending, int findings) {}
}
