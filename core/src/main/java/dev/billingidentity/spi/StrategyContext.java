package dev.billingidentity.spi;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.HostNamespaceTrust;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a strategy works with during one operation: settings, ports, the chosen control planes, the apply options,
 * and what it has observed so far. Observations are made once per operation and shared (the account, the Space), so
 * a strategy may ask for them as often as it likes.
 *
 * <p>An apply is a plan, its changes, then a verification. The verification gets its own context
 * ({@link #afterApply()}): the Space observed afresh, but the same {@linkplain #state operation state}, so that a
 * strategy may keep what the plan read and what the changes' writes answered instead of reading it all again.
 */
public final class StrategyContext {
  private static final Logger LOG = LoggerFactory.getLogger(StrategyContext.class);

  private final IdentitySettings settings;
  private final AwsBackend aws;
  private final ClusterPort cluster;
  private final ControlPlanes controlPlanes;
  private final ApplyOptions options;
  private final ConcurrentMap<Class<?>, Memo> state;
  // Two locks, not the context's monitor: a strategy may observe the Space and ask STS for the account at once.
  private final Object accountLock = new Object();
  private final Object spaceLock = new Object();
  private AwsAccount account;
  private RuntimeException accountFailure;
  private SpaceObservation space;

  /** A context with the default {@link ApplyOptions}. */
  public StrategyContext(IdentitySettings settings, AwsBackend aws, ClusterPort cluster, ControlPlanes controlPlanes) {
    this(settings, aws, cluster, controlPlanes, ApplyOptions.defaults());
  }

  /**
   * A context whose strategy reads with the concurrency of {@code options}, the same bound the apply's changes
   * keep, so that one setting governs how hard the reads that grow with the control planes (describing
   * associations) lean on AWS's rate limits. The cluster adapter's few lists per observation do not grow, and go
   * at once whatever this says.
   */
  public StrategyContext(IdentitySettings settings, AwsBackend aws, ClusterPort cluster, ControlPlanes controlPlanes,
      ApplyOptions options) {
    this(settings, aws, cluster, controlPlanes, options, new ConcurrentHashMap<>(), null);
  }

  private StrategyContext(IdentitySettings settings, AwsBackend aws, ClusterPort cluster, ControlPlanes controlPlanes,
      ApplyOptions options, ConcurrentMap<Class<?>, Memo> state, AwsAccount account) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.aws = Objects.requireNonNull(aws, "aws");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.controlPlanes = Objects.requireNonNull(controlPlanes, "controlPlanes");
    this.options = Objects.requireNonNull(options, "options");
    this.state = state;
    this.account = account;
  }

  /**
   * The context of the verification that follows this operation's changes: the same settings, ports (and so the same
   * call counts), options, account and operation state; the Space is observed again, since the changes may have
   * changed it (a restart replaces pods).
   */
  public StrategyContext afterApply() {
    synchronized (accountLock) {
      return new StrategyContext(settings, aws, cluster, controlPlanes, options, state, account);
    }
  }

  /** {@return the settings of the mode} */
  public IdentitySettings settings() {
    return settings;
  }

  /** {@return the AWS backend} */
  public AwsBackend aws() {
    return aws;
  }

  /** {@return the cluster} */
  public ClusterPort cluster() {
    return cluster;
  }

  /**
   * How the operation's apply runs; {@link ApplyOptions#concurrency()} also bounds the strategy's concurrent reads
   * (describing thousands of associations one by one would take minutes).
   */
  public ApplyOptions options() {
    return options;
  }

  /**
   * The state of type {@code type} that a strategy keeps for the rest of the operation (shared with
   * {@link #afterApply()}), made by {@code initial} on first use. Only the strategy that owns {@code type} should
   * use it; the state must be safe for the threads that apply changes at once.
   */
  public <T> T state(Class<T> type, Supplier<? extends T> initial) {
    // Made outside the map: an initial value that calls AWS (the bucket check, the Pod Identity target) must not hold
    // a bin of the map, which another state of the same bin would then wait for, or, asked from inside, deadlock on.
    return type.cast(state.computeIfAbsent(type, k -> new Memo()).get(initial));
  }

  /** One state: made once by the first caller, whom the others wait for; a failed making is tried again. */
  private static final class Memo {
    private Object value;

    synchronized Object get(Supplier<?> initial) {
      if (value == null) {
        value = Objects.requireNonNull(initial.get(), "initial state");
      }
      return value;
    }
  }

  /** {@return which control planes were chosen} */
  public ControlPlanes controlPlanes() {
    return controlPlanes;
  }

  /** {@return the account: from the settings, or asked of STS once (a failure is the operation's, kept too)} */
  public AwsAccount account() {
    synchronized (accountLock) {
      if (accountFailure != null) {
        throw accountFailure;
      }
      if (account == null) {
        try {
          account = settings.account().orElseGet(() -> aws.sts().callerIdentity().awsAccount());
        } catch (RuntimeException e) {
          // Several reads of one observation ask for the account at once: the others get this failure, not a
          // second round of STS calls and retries.
          accountFailure = e;
          throw e;
        }
      }
      return account;
    }
  }

  /** {@return the chosen control planes as the cluster holds them now, observed once per operation} */
  public SpaceObservation space() {
    synchronized (spaceLock) {
      if (space == null) {
        space = controlPlanes.isDiscovered() ? observeDiscovered() : observeExplicit();
      }
      return space;
    }
  }

  /**
   * Which of {@code hostNamespaces} (found in AWS, e.g. in the trust or in associations) belong to control planes
   * that are gone, and may be pruned. With discovery, a host namespace is gone when no control plane of the Space
   * (in any group) uses it; with explicit host namespaces, when the namespace no longer exists.
   */
  public Set<String> goneHostNamespaces(Collection<String> hostNamespaces) {
    SpaceObservation observed = space();
    Set<String> candidates = new LinkedHashSet<>(hostNamespaces);
    candidates.removeAll(observed.liveHostNamespaces());
    if (controlPlanes.isDiscovered() || candidates.isEmpty()) {
      return candidates;
    }
    candidates.removeAll(cluster.observe(candidates, settings.serviceAccount()).existingNamespaces());
    return candidates;
  }

  /**
   * Discovers the chosen control planes, observes their host namespaces, and keeps as provisioned only those whose
   * host namespace exists and may be trusted ({@link HostNamespaceTrust}). The port judged the labels it read at
   * discovery; they are judged again here against the labels the observation read (later, so at least as new), and
   * against every group's claims (a port asked for some groups sees only theirs), so that the rule holds whatever
   * the port.
   */
  private SpaceObservation observeDiscovered() {
    boolean trustUnlabelled = settings.trustUnlabelledHostNamespaces();
    ControlPlaneQuery query = new ControlPlaneQuery(controlPlanes.groups(), controlPlanes.labels(), trustUnlabelled);
    List<ControlPlane> chosen = cluster.discoverControlPlanes(query);
    boolean filtered = !controlPlanes.groups().isEmpty() || !controlPlanes.labels().isEmpty();
    List<ControlPlane> all = filtered
        ? cluster.discoverControlPlanes(ControlPlaneQuery.all().trustingUnlabelledHostNamespaces(trustUnlabelled))
        : chosen;
    Set<String> candidates = new LinkedHashSet<>();
    chosen.stream().filter(ControlPlane::provisioned).forEach(cp -> candidates.add(cp.hostNamespace().orElseThrow()));
    ClusterSnapshot snapshot = cluster.observe(candidates, settings.serviceAccount());
    List<ControlPlane> everyClaim = new ArrayList<>(all);
    everyClaim.addAll(chosen);
    Map<String, List<String>> claimants = HostNamespaceTrust.claimants(everyClaim);
    List<ControlPlane> provisioned = new ArrayList<>();
    List<ControlPlane> pending = new ArrayList<>();
    for (ControlPlane cp : chosen) {
      if (!cp.provisioned() || !snapshot.existingNamespaces().contains(cp.hostNamespace().orElseThrow())) {
        pending.add(cp);
        continue;
      }
      String host = cp.hostNamespace().orElseThrow();
      Optional<String> refusal = HostNamespaceTrust.refusal(cp.group().orElseThrow(), cp.name(), host,
          snapshot.namespaceLabels(host), HostNamespaceTrust.others(claimants, host, cp), trustUnlabelled);
      if (refusal.isPresent()) {
        pending.add(cp.notProvisionedBecause(refusal.get()));
      } else {
        provisioned.add(cp);
      }
    }
    warnAboutRefusals(pending);
    // A refused control plane still claims its host namespace: what the library holds there is not pruned as if the
    // control plane were gone (no write at all for it), and the plan says so.
    Set<String> live = new LinkedHashSet<>();
    all.forEach(cp -> cp.hostNamespace().ifPresent(live::add));
    return new SpaceObservation(provisioned, pending, snapshot, live);
  }

  /**
   * Explicit host namespaces are the caller's word, not a {@code ControlPlane}'s: each one that exists is provisioned,
   * except a Kubernetes system namespace that Spaces did not label as a host namespace
   * ({@link HostNamespaceTrust#refusalOfExplicit}).
   */
  private SpaceObservation observeExplicit() {
    List<String> namespaces = controlPlanes.explicitHostNamespaces();
    ClusterSnapshot snapshot = cluster.observe(new LinkedHashSet<>(namespaces), settings.serviceAccount());
    List<ControlPlane> provisioned = new ArrayList<>();
    List<ControlPlane> pending = new ArrayList<>();
    for (String ns : namespaces) {
      if (!snapshot.existingNamespaces().contains(ns)) {
        pending.add(ControlPlane.builder().name(ns).hostNamespace(ns).provisioned(false).build());
        continue;
      }
      ControlPlane cp = ControlPlane.inHostNamespace(ns);
      Optional<String> refusal = HostNamespaceTrust.refusalOfExplicit(ns, snapshot.namespaceLabels(ns));
      if (refusal.isPresent()) {
        pending.add(cp.notProvisionedBecause(refusal.get()));
      } else {
        provisioned.add(cp);
      }
    }
    warnAboutRefusals(pending);
    return new SpaceObservation(provisioned, pending, snapshot, new LinkedHashSet<>(namespaces));
  }

  private static void warnAboutRefusals(List<ControlPlane> pending) {
    for (ControlPlane cp : pending) {
      cp.notProvisionedReason().ifPresent(reason ->
          LOG.warn("Control plane {} gets no billing identity: {}", cp.displayName(), reason));
    }
  }
}
