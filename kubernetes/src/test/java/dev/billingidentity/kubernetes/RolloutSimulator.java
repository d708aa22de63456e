package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stand-in for kube-controller-manager on the mock server: whenever a Deployment's or StatefulSet's generation
 * moves ahead of its observed generation, it completes the rollout, unless the fixture says the workload's rollouts
 * hang. Used where a test needs a rollout that finishes
 * on its own (the contract test); tests about waiting drive the status by hand instead.
 */
final class RolloutSimulator implements AutoCloseable {
  private final List<SharedIndexInformer<?>> informers;

  RolloutSimulator(KubernetesClient client, MockClusterFixture fixture) {
    SharedIndexInformer<Deployment> deployments = client.apps().deployments().inAnyNamespace()
        .inform(handler(d -> {
          if (!fixture.rolloutsHang(ref(WorkloadKind.DEPLOYMENT, d)) && (d.getStatus() == null
              || d.getStatus().getObservedGeneration() == null
              || d.getStatus().getObservedGeneration() < d.getMetadata().getGeneration())) {
            fixture.completeRollout(d);
          }
        }));
    SharedIndexInformer<StatefulSet> statefulSets = client.apps().statefulSets().inAnyNamespace()
        .inform(handler(s -> {
          if (!fixture.rolloutsHang(ref(WorkloadKind.STATEFULSET, s)) && (s.getStatus() == null
              || s.getStatus().getObservedGeneration() == null
              || s.getStatus().getObservedGeneration() < s.getMetadata().getGeneration())) {
            fixture.completeRollout(s);
          }
        }));
    informers = List.of(deployments, statefulSets);
  }

  private static WorkloadRef ref(WorkloadKind kind, HasMetadata workload) {
    return new WorkloadRef(kind, workload.getMetadata().getNamespace(), workload.getMetadata().getName());
  }

  private static <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
