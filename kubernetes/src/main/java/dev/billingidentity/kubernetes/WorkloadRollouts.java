package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Restarts workloads as {@code kubectl rollout restart} does and waits for their rollouts. */
final class WorkloadRollouts {
  private final KubernetesClient client;
  private final Duration pollInterval;

  WorkloadRollouts(KubernetesClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  /**
   * One JSON merge patch of the pod template's {@code restartedAt} annotation: no read-modify-write, so no conflict
   * with the workload's controller writing status meanwhile, and a 404 when the workload does not exist.
   */
  void restart(WorkloadRef ref, Instant at) {
    String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
        + SpacesResources.RESTARTED_AT_ANNOTATION + "\":\"" + rfc3339(at) + "\"}}}}}";
    PatchContext mergePatch = PatchContext.of(PatchType.JSON_MERGE);
    ClusterErrors.call(ref.toString(), () -> switch (ref.kind()) {
      case DEPLOYMENT -> client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name())
          .patch(mergePatch, patch);
      case STATEFULSET -> client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name())
          .patch(mergePatch, patch);
    });
  }

  /** As Go's {@code time.RFC3339}, which kubectl uses: whole seconds, UTC, e.g. {@code 2026-11-28T19:00:00Z}. */
  static String rfc3339(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  void awaitRollout(WorkloadRef ref, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // A short first wait: right after a restart the workload's controller has not even observed the new generation.
    sleep(Duration.ofMillis(Math.min(50, pollInterval.toMillis())));
    WorkloadInfo state = read(ref);
    while (!state.rolloutComplete()) {
      if (System.nanoTime() >= deadline) {
        throw new ClusterApiException(Reason.TIMEOUT, ref.toString(), "rollout not complete after " + timeout
            + ": generation " + state.generation() + ", observed " + state.observedGeneration()
            + ", replicas " + state.replicas() + ", updated " + state.updatedReplicas()
            + ", ready " + state.readyReplicas());
      }
      sleep(pollInterval);
      state = read(ref);
    }
  }

  private WorkloadInfo read(WorkloadRef ref) {
    return ClusterErrors.call(ref.toString(), () -> {
      switch (ref.kind()) {
        case DEPLOYMENT: {
          Deployment d = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
          if (d == null) {
            throw new ClusterApiException(Reason.NOT_FOUND, ref.toString(), "the workload does not exist");
          }
          return WorkloadStates.of(d);
        }
        default: {
          StatefulSet s = client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
          if (s == null) {
            throw new ClusterApiException(Reason.NOT_FOUND, ref.toString(), "the workload does not exist");
          }
          return WorkloadStates.of(s);
        }
      }
    });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterApiException(Reason.OTHER, "rollout", "interrupted while waiting", e);
    }
  }
}
