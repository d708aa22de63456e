package dev.billingidentity.kubernetes.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the billing identity reconciled while control planes come and go. Replicas compete for a {@code Lease};
 * only the leader watches {@code ControlPlane}s and host namespaces and runs the {@link Reconciler}: once when it
 * takes the lease, then after every change (debounced), and again with backoff after a failure. Losing the lease
 * stops the watches and interrupts a pass in flight at once; a replica that lost it competes again.
 *
 * <pre>{@code
 * KubernetesClient client = new KubernetesClientBuilder().build();
 * BillingIdentity identity = ...;
 * try (var controller = new BillingIdentityController(client, ControllerSettings.defaults("billing-identity"), () -> {
 *   var applied = identity.apply();
 *   var restarted = identity.restartStale();
 *   return new ReconcileOutcome(writesOf(applied, restarted), summaryOf(applied, restarted));
 * })) {
 *   controller.start();
 *   // ... until shutdown
 * }
 * }</pre>
 *
 * <p>RBAC: {@code get}, {@code create}, {@code patch} on {@code leases} (coordination.k8s.io) in the lease
 * namespace (fabric8's {@code LeaseLock} renews with a PATCH); {@code list}, {@code watch} on {@code controlplanes.spaces.upbound.io} and {@code namespaces}.
 */
public final class BillingIdentityController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BillingIdentityController.class);

  private final KubernetesClient client;
  private final ControllerSettings settings;
  private final ReconcileLoop loop;

  // Guarded by this.
  private boolean started;
  private boolean closed;
  private boolean leader;
  private long terms;
  private CompletableFuture<?> election;
  private ClusterWatch watch;

  /**
   * @param client the client, owned by the caller (not closed by {@link #close()})
   * @param settings lease and pacing
   * @param reconciler the pass to run; it is never run twice at once by this controller, and only by the leader
   */
  public BillingIdentityController(KubernetesClient client, ControllerSettings settings, Reconciler reconciler) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.loop = new ReconcileLoop(Objects.requireNonNull(reconciler, "reconciler"), settings);
  }

  /** Starts competing for the lease; returns at once. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (!started) {
      started = true;
      elect();
    }
  }

  /**
   * How many times this replica has taken the lease. A reconciler that keeps state between passes starts afresh
   * when this changes: another replica may have led, and written, in between.
   */
  public synchronized long leadershipTerms() {
    return terms;
  }

  /** Whether this replica leads now. */
  public synchronized boolean isLeader() {
    return leader;
  }

  /**
   * Asks for a pass, as a change of a {@code ControlPlane} or host namespace does: debounced with them, run only while
   * this replica leads (a stand-by drops it: the pass on taking the lease reads everything anyway). For the caller's
   * own triggers, e.g. a change of its configuration resource or a periodic resync.
   */
  public void requestReconcile() {
    loop.request();
  }

  /** The change signals waiting for the next pass (0 when none, or when this replica does not lead). */
  public long queueDepth() {
    return loop.waiting();
  }

  /** The counters so far. */
  public ControllerStats stats() {
    return loop.stats(isLeader());
  }

  /**
   * Stops gracefully: no new passes, waits for one in flight (up to the renew deadline, then interrupts it), stops
   * the watches, and only then releases the lease, so a stand-by never starts while this replica still reconciles.
   */
  @Override
  public void close() {
    CompletableFuture<?> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = election;
    }
    stopLeading(false);
    if (running != null) {
      running.cancel(true); // with releaseOnCancel: the lease is released for a stand-by to take at once
    }
    loop.shutdown();
    LOG.info("billing identity controller {} closed", settings.identity());
  }

  private synchronized void elect() {
    if (closed) {
      return;
    }
    var config = new LeaderElectionConfigBuilder()
        .withName("billing-identity")
        .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), settings.identity()))
        .withLeaseDuration(settings.leaseDuration())
        .withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, () -> stopLeading(true),
            newLeader -> LOG.info("lease {}/{} {}", settings.leaseNamespace(), settings.leaseName(),
                newLeader == null ? "released" : "held by " + newLeader)))
        .build();
    CompletableFuture<?> future = client.leaderElector().withConfig(config).build().start();
    election = future;
    // fabric8's elector ends when leadership is lost (or acquiring fails): compete again unless closing.
    future.whenComplete((ok, error) -> {
      if (error != null && !(error instanceof CancellationException)
          && !(error instanceof CompletionException c && c.getCause() instanceof CancellationException)) {
        LOG.warn("leader election for {} ended: {}", settings.identity(), error.toString());
      }
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS).execute(this::elect);
    });
  }

  private void startLeading() {
    ClusterWatch toStart;
    synchronized (this) {
      if (closed || leader) {
        return;
      }
      leader = true;
      terms++;
      LOG.info("{} leads: watching control planes and host namespaces", settings.identity());
      watch = new ClusterWatch(client, loop::request);
      toStart = watch;
    }
    // Watches first: their first lists' ADD events arrive while the loop is inactive and are dropped, so taking the
    // lease makes exactly one pass instead of one per debounce window the first lists happen to span. The wait is
    // bounded (a watch that cannot list yet must not keep the leader from reconciling) and off this thread, which is
    // fabric8's election thread and must go on to renew the lease.
    toStart.start(settings.renewDeadline()).thenRun(() -> {
      synchronized (this) {
        if (leader && watch == toStart) {
          loop.activate();
          loop.request(); // one pass on taking the lease: it reads the current state, so no event is lost above
        }
      }
    });
  }

  private void stopLeading(boolean lostLease) {
    ClusterWatch toClose;
    synchronized (this) {
      if (!leader) {
        return;
      }
      leader = false;
      toClose = watch;
      watch = null;
    }
    if (lostLease) {
      LOG.warn("{} lost the lease: stopping reconciles at once", settings.identity());
      loop.deactivate();
    } else {
      loop.drain();
      try {
        if (!loop.awaitIdle(settings.renewDeadline())) {
          LOG.warn("{}: a reconcile still runs after {}: interrupting it", settings.identity(), settings.renewDeadline());
          loop.interruptRunning();
          loop.awaitIdle(settings.renewDeadline());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (toClose != null) {
      toClose.close();
    }
  }
}
