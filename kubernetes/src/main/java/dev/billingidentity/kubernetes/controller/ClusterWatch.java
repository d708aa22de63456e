package dev.billingidentity.kubernetes.controller;

import dev.billingidentity.kubernetes.SpacesResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Informers on what decides the billing identity: every {@code ControlPlane} (all groups) and every Spaces host
 * namespace (label {@code internal.spaces.upbound.io/controlplane-name} present). Adds and deletes always signal;
 * updates only when something that matters changed, so status heartbeats do not cause reconciles.
 */
final class ClusterWatch implements AutoCloseable {
  private final KubernetesClient client;
  private final Runnable onChange;
  // Guarded by this: leadership can be lost while the informers are still starting.
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private boolean closed;

  ClusterWatch(KubernetesClient client, Runnable onChange) {
    this.client = client;
    this.onChange = onChange;
  }

  /** Starts both informers; blocks until their first lists are in. */
  synchronized void start() {
    if (closed) {
      return;
    }
    informers.add(client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inAnyNamespace()
        .inform(handler(ClusterWatch::controlPlaneKey)));
    informers.add(client.namespaces().withLabel(SpacesResources.CONTROL_PLANE_NAME_LABEL)
        .inform(handler(ClusterWatch::namespaceKey)));
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

  @Override
  public synchronized void close() {
    closed = true;
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
