package dev.billingidentity.kubernetes.controller;

import dev.billingidentity.kubernetes.SpacesResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informers on what decides the billing identity: every {@code ControlPlane} (all groups) and every Spaces host
 * namespace (label {@code internal.spaces.upbound.io/controlplane-name} present). Adds and deletes always signal;
 * updates only when something that matters changed, so status heartbeats do not cause reconciles.
 *
 * <p>The informers never give up: fabric8's default stops an informer for good when its first list fails or when
 * its watch fails with anything but 410 Gone, and a controller that silently stops hearing changes is worse than one
 * that keeps retrying (with fabric8's backoff, which logs each failure). So a missing {@code ControlPlane} CRD (host
 * namespaces given explicitly) or a missing RBAC verb costs that informer only; the other one still works, and the
 * first one starts as soon as the CRD or the verb appears.
 */
final class ClusterWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

  private final KubernetesClient client;
  private final Runnable onChange;
  // Guarded by this: leadership can be lost while the informers are still starting.
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private boolean closed;

  ClusterWatch(KubernetesClient client, Runnable onChange) {
    this.client = client;
    this.onChange = onChange;
  }

  /**
   * Starts both informers, without blocking: the caller runs on fabric8's leader-election thread, which must go on to
   * renew the lease.
   *
   * @param syncTimeout how long to wait for the informers' first lists
   * @return completes when both informers have listed, or after {@code syncTimeout} (logging those that have not:
   *     they keep retrying, and their first lists' events then signal changes like any other); never fails
   */
  CompletableFuture<Void> start(Duration syncTimeout) {
    Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
    synchronized (this) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      started.put("controlplanes.spaces.upbound.io", startInformer(client.genericKubernetesResources(
          SpacesResources.CONTROL_PLANES).inAnyNamespace().runnableInformer(0), handler(ClusterWatch::controlPlaneKey)));
      started.put("namespaces -l " + SpacesResources.CONTROL_PLANE_NAME_LABEL, startInformer(client.namespaces()
          .withLabel(SpacesResources.CONTROL_PLANE_NAME_LABEL).runnableInformer(0), handler(ClusterWatch::namespaceKey)));
    }
    return CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new))
        .orTimeout(syncTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(timeout -> {
          if (!isClosed()) {
            List<String> waiting = started.entrySet().stream().filter(s -> !s.getValue().isDone())
                .map(Map.Entry::getKey).toList();
            LOG.warn("{} not listed after {} ms (is the ControlPlane CRD installed? does RBAC allow list and watch?): "
                + "reconciling without them while they retry", waiting, syncTimeout.toMillis());
          }
          return null;
        });
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private <T extends HasMetadata> CompletableFuture<Void> startInformer(SharedIndexInformer<T> informer,
      ResourceEventHandler<T> handler) {
    // Retry every failure, before the first list and after it (see the class comment), with fabric8's backoff.
    informer.addEventHandler(handler).exceptionHandler((isStarted, error) -> true);
    informers.add(informer);
    return informer.start().toCompletableFuture();
  }

  // What discovery reads from a control plane: its labels (queries select on them), host namespace and id.
  private static Object controlPlaneKey(GenericKubernetesResource cp) {
    return List.of(Objects.toString(cp.getMetadata().getLabels()),
        Objects.toString(cp.get("spec", "hostNamespace", "name")), Objects.toString(cp.get("status", "controlPlaneID")));
  }

  // A host namespace matters by its labels (which control plane it belongs to) and its phase (Terminating).
  private static Object namespaceKey(Namespace ns) {
    return List.of(Objects.toString(ns.getMetadata().getLabels()),
        Objects.toString(ns.getStatus() == null ? null : ns.getStatus().getPhase()));
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, Object> key) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.run();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (!key.apply(oldObj).equals(key.apply(newObj))) {
          onChange.run();
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.run();
      }
    };
  }

  /** Stops the informers. */
  @Override
  public synchronized void close() {
    closed = true;
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
