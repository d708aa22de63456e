package dev.billingidentity.examples.operator;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.calls.CallCounter;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.kubernetes.controller.ReconcileOutcome;
import dev.billingidentity.kubernetes.controller.Reconciler;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the operator, run by the leader only ({@link dev.billingidentity.kubernetes.controller
 * .BillingIdentityController}): lists the {@code BillingIdentity} resources and reconciles each on its own, a
 * failure of one not keeping the others from theirs. For each: a deleted one is cleaned up as its
 * {@code deletionPolicy} says and its finalizer removed; an invalid spec is {@code Blocked}; otherwise a full resync
 * when due (a new spec, a new lease, the period over), else the control planes that came or went. Then its status
 * (written only when it changed) and its Events.
 *
 * <p>State between passes (what each resource's identity covers) is kept only while this replica leads: on taking
 * the lease again it starts afresh, since another replica may have written in between.
 */
final class OperatorPass implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorPass.class);

  private final KubernetesClient client;
  private final ClusterPort cluster;
  private final Function<String, AwsBackend> awsByRegion;
  private final OperatorTimings timings;
  private final Retry retry;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final ResourceEvents events;
  private final LongSupplier leadershipTerm;
  // Counts every AWS call the reconcilers make, blocked and failed passes included, for the metrics.
  private final CallCounter awsMeter = new CallCounter();
  private final Map<String, Long> metered = new HashMap<>();
  private final Map<String, Tracked> tracked = new HashMap<>();
  private long term = -1;

  /** A resource's reconciler, for the generation it was made for. */
  private static final class Tracked {
    final long generation;
    final SpaceReconciler reconciler;
    boolean reconciled;
    Set<String> reported = Set.of();
    // The blocker of the last attempt, reported again while the reconciler waits to retry it.
    PlanBlockedException blocked;

    Tracked(long generation, SpaceReconciler reconciler) {
      this.generation = generation;
      this.reconciler = reconciler;
    }
  }

  OperatorPass(KubernetesClient client, ClusterPort cluster, Function<String, AwsBackend> awsByRegion,
      OperatorTimings timings, Retry retry, Clock clock, OperatorMetrics metrics, ResourceEvents events,
      LongSupplier leadershipTerm) {
    this.client = client;
    this.cluster = cluster;
    this.awsByRegion = awsByRegion;
    this.timings = timings;
    this.retry = retry;
    this.clock = clock;
    this.metrics = metrics;
    this.events = events;
    this.leadershipTerm = leadershipTerm;
  }

  @Override
  public ReconcileOutcome reconcile() throws Exception {
    long now = leadershipTerm.getAsLong();
    if (now != term) {
      tracked.clear();
      term = now;
    }
    List<GenericKubernetesResource> resources = client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
        .list().getItems();
    Set<String> present = new HashSet<>();
    resources.forEach(r -> present.add(r.getMetadata().getUid()));
    tracked.keySet().retainAll(present);
    int writes = 0;
    Exception firstFailure = null;
    List<String> summaries = new ArrayList<>();
    for (GenericKubernetesResource r : resources) {
      try {
        writes += reconcile(r, summaries);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        LOG.warn("billingidentity {}: {}", r.getMetadata().getName(), e.toString());
        firstFailure = firstFailure == null ? e : firstFailure;
      } finally {
        meterAwsCalls();
      }
    }
    if (firstFailure != null) {
      // The controller retries the pass with backoff; the resources that did succeed have nothing left to do then.
      throw firstFailure;
    }
    return new ReconcileOutcome(writes, resources.size() + " BillingIdentity resource(s)"
        + (summaries.isEmpty() ? "" : ": " + String.join("; ", summaries)));
  }

  private int reconcile(GenericKubernetesResource r, List<String> summaries) throws Exception {
    String name = r.getMetadata().getName();
    String uid = r.getMetadata().getUid();
    long generation = Objects.requireNonNullElse(r.getMetadata().getGeneration(), 0L);
    Map<?, ?> previous = r.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? m : null;
    IdentitySpec spec;
    try {
      spec = IdentitySpec.parse(r.getAdditionalProperties().get("spec") instanceof Map<?, ?> s ? s : null);
    } catch (InvalidInputException e) {
      tracked.remove(uid);
      PlanBlockedException blocked = new PlanBlockedException("InvalidSpec", e);
      Map<String, Object> status = ResourceStatus.of(previous, generation, null, Map.of(), null,
          new ResourceStatus.Trouble(blocked, null), false, java.util.Optional.empty(), List.of(), clock);
      if (writeStatus(r, previous, status)) {
        events.warning(r, "InvalidSpec", e.getMessage());
      }
      metrics.blocked();
      return 0;
    }
    if (r.getMetadata().getDeletionTimestamp() != null) {
      return delete(r, spec, uid, summaries);
    }
    syncFinalizer(r, spec.deletionPolicy());

    Tracked t = tracked.get(uid);
    if (t == null || t.generation != generation) {
      t = new Tracked(generation, new SpaceReconciler(spec, aws(spec), cluster, timings, retry, clock));
      tracked.put(uid, t);
    }
    PassResult pass = null;
    ResourceStatus.Trouble trouble = ResourceStatus.Trouble.NONE;
    RuntimeException failure = null;
    try {
      if (t.reconciler.fullResyncDue()) {
        pass = t.reconciler.fullResync();
        t.reconciled = true;
        t.blocked = null;
      } else if (t.reconciler.resynced()) {
        pass = t.reconciler.catchUp().orElse(null);
        t.blocked = null;
      } else if (t.blocked != null) {
        trouble = new ResourceStatus.Trouble(t.blocked, null); // still blocked: waiting to try again
      }
    } catch (PlanBlockedException e) {
      trouble = new ResourceStatus.Trouble(e, null);
      t.blocked = e;
      metrics.blocked();
    } catch (BillingIdentityException | KubernetesClientException e) {
      trouble = new ResourceStatus.Trouble(null, e.getMessage());
      failure = e;
      metrics.failed();
    }
    if (pass != null) {
      metrics.passed(pass);
      events.each(r, "Normal", "Applied", pass.changes());
      events.each(r, "Normal", "Restarted", pass.restarts());
      summaries.add(name + ": " + pass.summary());
    }
    Map<String, String> problems = t.reconciler.problems();
    Map<String, Object> status = ResourceStatus.of(previous, generation, t.reconciler.counts(), problems, pass,
        trouble, t.reconciled, t.reconciler.roleArn(), t.reconciler.helmSetFlags(), clock);
    boolean changed = writeStatus(r, previous, status);
    if (trouble.blocked() != null && changed) {
      events.warning(r, trouble.blocked().reason(), trouble.blocked().getMessage());
    }
    if (trouble.failure() != null) {
      events.warning(r, "ReconcileFailed", trouble.failure());
    }
    reportNewProblems(r, t, problems);
    if (failure != null) {
      throw failure;
    }
    return pass == null ? 0 : pass.changes().size() + pass.restarts().size();
  }

  /** One Warning per problem when it first appears, not on every pass while it lasts. */
  private void reportNewProblems(GenericKubernetesResource r, Tracked t, Map<String, String> problems) {
    List<String> fresh = new ArrayList<>();
    problems.forEach((subject, detail) -> {
      if (!t.reported.contains(subject)) {
        fresh.add(subject + ": " + detail);
      }
    });
    events.each(r, "Warning", "Finding", fresh);
    t.reported = Set.copyOf(problems.keySet());
  }

  private int delete(GenericKubernetesResource r, IdentitySpec spec, String uid, List<String> summaries) {
    List<String> finalizers = r.getMetadata().getFinalizers();
    if (finalizers == null || !finalizers.contains(BillingIdentityResources.FINALIZER)) {
      return 0; // not ours to hold: the API server deletes it once the others are done
    }
    int writes = 0;
    if (spec.deletionPolicy() == DeletionPolicy.DELETE) {
      SpaceReconciler reconciler = new SpaceReconciler(spec, aws(spec), cluster, timings, retry, clock);
      try {
        PassResult pass = reconciler.delete();
        metrics.passed(pass);
        events.each(r, "Normal", "Deleted", pass.changes());
        summaries.add(r.getMetadata().getName() + ": " + pass.summary());
        writes = pass.changes().size();
      } catch (BillingIdentityException e) {
        // The finalizer stays: deleting the resource must not leave behind what it asked to remove.
        events.warning(r, "CleanupFailed", e.getMessage());
        metrics.failed();
        throw e;
      }
    }
    removeFinalizer(r);
    tracked.remove(uid);
    LOG.info("billingidentity {} deleted ({}): {}", r.getMetadata().getName(), spec.deletionPolicy().value(),
        spec.deletionPolicy() == DeletionPolicy.DELETE ? "what it created for its selection is removed"
            : "AWS left as it is");
    return writes;
  }

  /** The finalizer is there exactly while the spec asks for clean-up, so a Retain resource never waits on us. */
  private void syncFinalizer(GenericKubernetesResource r, DeletionPolicy policy) {
    List<String> finalizers = r.getMetadata().getFinalizers() == null ? List.of() : r.getMetadata().getFinalizers();
    boolean has = finalizers.contains(BillingIdentityResources.FINALIZER);
    boolean wanted = policy == DeletionPolicy.DELETE;
    if (has == wanted) {
      return;
    }
    GenericKubernetesResource updated = client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
        .withName(r.getMetadata().getName()).edit(res -> {
          List<String> list = new ArrayList<>(res.getMetadata().getFinalizers() == null ? List.of()
              : res.getMetadata().getFinalizers());
          list.remove(BillingIdentityResources.FINALIZER);
          if (wanted) {
            list.add(BillingIdentityResources.FINALIZER);
          }
          res.getMetadata().setFinalizers(list);
          return res;
        });
    r.setMetadata(updated.getMetadata());
  }

  private void removeFinalizer(GenericKubernetesResource r) {
    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName(r.getMetadata().getName())
        .edit(res -> {
          List<String> list = new ArrayList<>(res.getMetadata().getFinalizers());
          list.remove(BillingIdentityResources.FINALIZER);
          res.getMetadata().setFinalizers(list);
          return res;
        });
  }

  /** Writes the status when it says something new; true when written. */
  private boolean writeStatus(GenericKubernetesResource r, Map<?, ?> previous, Map<String, Object> status) {
    if (previous != null && ResourceStatus.sameAs(previous, status)) {
      return false;
    }
    client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName(r.getMetadata().getName())
        .editStatus(res -> {
          res.setAdditionalProperty("status", status);
          return res;
        });
    return true;
  }

  private AwsBackend aws(IdentitySpec spec) {
    return awsMeter.wrap(awsByRegion.apply(spec.settings().storage().region()));
  }

  private void meterAwsCalls() {
    Map<String, Long> delta = new LinkedHashMap<>();
    awsMeter.snapshot().byOperation().forEach((op, n) -> {
      long before = metered.getOrDefault(op, 0L);
      if (n > before) {
        delta.put(op, n - before);
        metered.put(op, n);
      }
    });
    metrics.awsCalls(delta);
  }
}
