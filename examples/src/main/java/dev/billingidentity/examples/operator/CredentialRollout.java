package dev.billingidentity.examples.operator;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets vector's pods credentials once the identity is visible: restarts the workloads whose pods lack them (and only
 * those whose service account lets a restart help), waits for their rollouts, then reads the new pods' environment.
 * A pod admitted while the identity was not yet visible to the EKS webhook never gets credentials (FACTS.md: "may
 * take several seconds"), so pods still without them are restarted once more after a delay before a problem is
 * reported. Kubernetes requests only; no AWS call.
 */
final class CredentialRollout {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialRollout.class);
  /** Restarts at once: the library's default apply concurrency, which the API server's limits suit. */
  static final int CONCURRENCY = 8;

  /**
   * What the rollout did and found.
   *
   * @param restarted the workloads restarted (one restarted twice is listed twice)
   * @param problems why a namespace's pods still have no credentials
   * @param credentialed the namespaces whose pods have them
   * @param waitingForServiceAccount the namespaces where a restart cannot help until the service account changes
   *     (the Helm values): worth looking at again on the next pass, at no AWS cost
   */
  record Outcome(List<WorkloadRef> restarted, Map<String, String> problems, Set<String> credentialed,
      Set<String> waitingForServiceAccount) {}

  private final ClusterPort cluster;
  private final String serviceAccount;
  private final PodCredentials credentials;
  private final OperatorTimings timings;
  private final Clock clock;

  CredentialRollout(ClusterPort cluster, String serviceAccount, PodCredentials credentials, OperatorTimings timings,
      Clock clock) {
    this.cluster = cluster;
    this.serviceAccount = serviceAccount;
    this.credentials = credentials;
    this.timings = timings;
    this.clock = clock;
  }

  /**
   * Brings credentials to the pods of {@code namespaces}.
   *
   * @return the workloads restarted (a workload restarted twice is listed twice), a problem by namespace for those
   *     still without credentials, and the namespaces whose pods have them
   */
  Outcome ensure(Collection<String> namespaces) throws InterruptedException {
    List<WorkloadRef> restarted = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    Set<String> waiting = new LinkedHashSet<>();
    Set<String> remaining = new LinkedHashSet<>(namespaces);
    for (int attempt = 1; attempt <= 2 && !remaining.isEmpty(); attempt++) {
      ClusterSnapshot snapshot = cluster.observe(remaining, serviceAccount);
      List<WorkloadRef> toRestart = new ArrayList<>();
      for (String ns : List.copyOf(remaining)) {
        String blocked = credentials.whyRestartCannotHelp(ns, snapshot.serviceAccount(ns)).orElse(null);
        List<PodInfo> pods = pods(snapshot, ns);
        if (!pods.isEmpty() && pods.stream().allMatch(credentials::has)) {
          remaining.remove(ns);
          problems.remove(ns);
        } else if (blocked != null) {
          problems.put(ns, blocked);
          waiting.add(ns);
          remaining.remove(ns);
        } else if (snapshot.workloads(ns).isEmpty()) {
          problems.put(ns, "no vector workload in " + ns + " yet");
          remaining.remove(ns);
        } else {
          snapshot.workloads(ns).stream().map(WorkloadInfo::ref).forEach(toRestart::add);
        }
      }
      if (toRestart.isEmpty()) {
        break;
      }
      if (attempt == 2) {
        // The first restart's pods were admitted too early: give the identity time to reach the webhook.
        LOG.info("{} workload(s) still without credentials after a restart: restarting once more in {} ms",
            toRestart.size(), timings.credentialRetryDelay().toMillis());
        Thread.sleep(timings.credentialRetryDelay().toMillis());
      }
      restart(toRestart);
      restarted.addAll(toRestart);
    }
    if (!remaining.isEmpty()) {
      ClusterSnapshot last = cluster.observe(remaining, serviceAccount);
      for (String ns : remaining) {
        List<PodInfo> pods = pods(last, ns);
        if (!pods.isEmpty() && pods.stream().allMatch(credentials::has)) {
          problems.remove(ns);
        } else {
          problems.put(ns, "vector's pods in " + ns + " have no credentials after two restarts ("
              + timings.credentialRetryDelay().toSeconds() + " s apart): is the identity visible to the EKS webhook?");
        }
      }
    }
    Set<String> credentialed = new LinkedHashSet<>(namespaces);
    credentialed.removeAll(problems.keySet());
    return new Outcome(restarted, problems, credentialed, waiting);
  }

  private List<PodInfo> pods(ClusterSnapshot snapshot, String ns) {
    return snapshot.pods(ns).stream().filter(p -> serviceAccount.equals(p.serviceAccount())).toList();
  }

  /**
   * Restarts every workload, then waits for every rollout, {@link #CONCURRENCY} at a time (the library's default
   * apply concurrency): a first resync of a thousand control planes must not restart them one after another.
   */
  private void restart(List<WorkloadRef> workloads) throws InterruptedException {
    runAll(workloads, w -> cluster.restart(w, clock.instant()));
    runAll(workloads, w -> {
      try {
        cluster.awaitRollout(w, timings.rolloutTimeout());
      } catch (ClusterApiException e) {
        // Reported through the pods' environment: a rollout that did not finish left pods without credentials.
        LOG.warn("rollout of {} not complete: {}", w, e.getMessage());
      }
    });
  }

  private static void runAll(List<WorkloadRef> workloads, java.util.function.Consumer<WorkloadRef> action)
      throws InterruptedException {
    if (workloads.size() == 1) {
      action.accept(workloads.get(0));
      return;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.min(CONCURRENCY, workloads.size()), r -> {
          Thread t = new Thread(r, "billing-identity-restart");
          t.setDaemon(true);
          return t;
        });
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      workloads.forEach(w -> futures.add(pool.submit(() -> action.accept(w))));
      for (java.util.concurrent.Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
