package dev.billingidentity.kubernetes.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Reconciler} on one thread, debounced and retried: requests within the debounce window make one
 * pass; a failed pass is retried after a backoff that doubles up to a bound, and no request runs it sooner. Runs
 * only while active (while this replica leads); deactivating interrupts a pass in flight.
 */
final class ReconcileLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final Reconciler reconciler;
  private final ControllerSettings settings;
  // One thread: two passes of one controller can never overlap.
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "billing-identity-reconcile");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong reconciles = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private volatile Instant lastSuccess;
  // Requests since the pass in flight (or the last one) started: what the next pass will take in.
  private final AtomicLong waiting = new AtomicLong();

  // Guarded by this.
  private boolean active;
  private long term;
  private ScheduledFuture<?> pending;
  private Instant firstRequestAt;
  private Instant notBefore = Instant.MIN;
  private int consecutiveFailures;
  private Thread running;

  ReconcileLoop(Reconciler reconciler, ControllerSettings settings) {
    this.reconciler = reconciler;
    this.settings = settings;
  }

  /** Starts accepting requests (this replica became the leader). */
  synchronized void activate() {
    active = true;
    term++;
  }

  /** Drops pending work and interrupts a pass in flight (the lease is lost). */
  synchronized void deactivate() {
    drain();
    interruptRunning();
  }

  /** Drops pending work and accepts no more; a pass in flight goes on (graceful close: see {@link #awaitIdle}). */
  synchronized void drain() {
    active = false;
    term++;
    waiting.set(0);
    cancelPending();
  }

  /** Interrupts a pass in flight, if any. */
  synchronized void interruptRunning() {
    if (running != null) {
      running.interrupt();
    }
  }

  /** Asks for a pass: after the debounce, unless more requests come (bounded by the longest debounce). */
  synchronized void request() {
    if (!active) {
      return;
    }
    waiting.incrementAndGet();
    Instant now = Instant.now();
    if (firstRequestAt == null) {
      firstRequestAt = now;
    }
    Instant at = min(now.plus(settings.debounce()), firstRequestAt.plus(settings.maxDebounce()));
    schedule(max(at, notBefore), now);
  }

  /** Waits until no pass runs, at most {@code timeout}; true when idle. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running != null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Stops the thread for good. */
  void shutdown() {
    deactivate();
    executor.shutdownNow();
  }

  /** Requests accepted since the last pass started: the changes waiting for the next pass (0 when idle). */
  long waiting() {
    return waiting.get();
  }

  ControllerStats stats(boolean leader) {
    return new ControllerStats(leader, reconciles.get(), failures.get(), writes.get(), Optional.ofNullable(lastSuccess));
  }

  private void schedule(Instant at, Instant now) {
    cancelPending();
    long myTerm = term;
    long delay = Math.max(0, Duration.between(now, at).toMillis());
    pending = executor.schedule(() -> run(myTerm), delay, TimeUnit.MILLISECONDS);
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private void run(long myTerm) {
    synchronized (this) {
      if (!active || myTerm != term) {
        return;
      }
      pending = null;
      firstRequestAt = null;
      running = Thread.currentThread();
      waiting.set(0);
    }
    long n = reconciles.incrementAndGet();
    long started = System.nanoTime();
    try {
      ReconcileOutcome outcome = reconciler.reconcile();
      writes.addAndGet(outcome.writes());
      lastSuccess = Instant.now();
      synchronized (this) {
        consecutiveFailures = 0;
        notBefore = Instant.MIN;
      }
      LOG.info("reconcile #{} ok in {} ms: {} writes; {}", n, millisSince(started), outcome.writes(), outcome.summary());
    } catch (Exception e) {
      onFailure(n, started, myTerm, e);
    } finally {
      synchronized (this) {
        running = null;
        notifyAll();
      }
      Thread.interrupted(); // an interrupt meant for this pass must not hit the next one
    }
  }

  private void onFailure(long n, long started, long myTerm, Exception e) {
    synchronized (this) {
      if (!active || myTerm != term) {
        // Interrupted because the lease was lost or the controller is closing: not a failure of the reconcile.
        LOG.info("reconcile #{} stopped after {} ms: {}", n, millisSince(started),
            active ? "lease changed hands" : "no longer the leader or closing");
        return;
      }
      failures.incrementAndGet();
      consecutiveFailures++;
      Duration backoff = backoff(consecutiveFailures);
      Instant now = Instant.now();
      notBefore = now.plus(backoff);
      LOG.warn("reconcile #{} failed after {} ms ({} in a row), retrying in {} ms: {}", n, millisSince(started),
          consecutiveFailures, backoff.toMillis(), e.toString());
      schedule(notBefore, now);
    }
  }

  private Duration backoff(int failuresInARow) {
    Duration d = settings.initialBackoff();
    for (int i = 1; i < failuresInARow && d.compareTo(settings.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
