package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
   * As {@code kubectl rollout restart}: a read (fabric8's patch reads the object first, so a missing workload is a
   * 404), then one JSON merge patch of the pod template's {@code restartedAt} annotation. The patch carries no
   * resource version, so the workload's controller writing status meanwhile causes no conflict.
   */
  void restart(WorkloadRef ref, Instant at) {
    String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
        + SpacesResources.RESTARTED_AT_ANNOTATION + "\":\"" + rfc3339(at) + "\"}}}}}";
    PatchContext mergePatch = PatchContext.of(PatchType.JSON_MERGE);
    ClusterErrors.call(ref.toString(), () -> workload(ref).patch(mergePatch, patch));
  }

  /**
   * RFC 3339 in UTC with milliseconds, e.g. {@code 2026-11-28T19:00:00.123Z}. kubectl writes whole seconds, but then
   * a second restart within the same second writes the same value: the template does not change, no rollout starts,
   * and the pods that predate the identity stay (a migration's restart step right after an earlier restart did
   * that). The annotation's value is opaque to the Deployment controller, so milliseconds are as good to it.
   */
  static String rfc3339(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Reads the workload every poll interval until its rollout is complete ({@link RolloutProgress}). No first wait:
   * the API server raises {@code metadata.generation} in the restart's own write, so even the first read already
   * sees the rollout as pending.
   */
  void awaitRollout(WorkloadRef ref, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RolloutProgress progress = read(ref);
    while (!progress.complete()) {
      if (System.nanoTime() >= deadline) {
        throw new ClusterApiException(Reason.TIMEOUT, ref.toString(),
            "rollout not complete after " + timeout + ": " + progress);
      }
      sleep(ref);
      progress = read(ref);
    }
  }

  private RolloutProgress read(WorkloadRef ref) {
    RolloutProgress progress = ClusterErrors.call(ref.toString(), () -> {
      GenericKubernetesResource workload = workload(ref).get();
      return workload == null ? null : RolloutProgress.of(ref.kind(), workload);
    });
    if (progress == null) {
      throw new ClusterApiException(Reason.NOT_FOUND, ref.toString(), "the workload does not exist");
    }
    return progress;
  }

  /** The workload, through fabric8's generic client: see {@link BuiltInResources}. */
  private Resource<GenericKubernetesResource> workload(WorkloadRef ref) {
    ResourceDefinitionContext kind = switch (ref.kind()) {
      case DEPLOYMENT -> BuiltInResources.DEPLOYMENTS;
      case STATEFULSET -> BuiltInResources.STATEFUL_SETS;
    };
    return client.genericKubernetesResources(kind).inNamespace(ref.namespace()).withName(ref.name());
  }

  private void sleep(WorkloadRef ref) {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterApiException(Reason.OTHER, ref.toString(), "interrupted while waiting for the rollout", e);
    }
  }
}
