package dev.billingidentity.examples.sandbox;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's stand-in for kube-controller-manager: the mock API server runs no controllers, so when a vector
 * Deployment's generation moves ahead of what its status has observed (a restart changed its pod template), this
 * replaces its pods and completes the rollout, as the Deployment controller would.
 */
final class RolloutController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

  private final SharedIndexInformer<Deployment> informer;

  RolloutController(KubernetesClient client, SandboxSpace space) {
    this.informer = client.apps().deployments().inAnyNamespace()
        .withLabels(SandboxSpace.VECTOR_LABELS)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Deployment d) {
            reconcile(d);
          }

          @Override
          public void onUpdate(Deployment before, Deployment after) {
            reconcile(after);
          }

          @Override
          public void onDelete(Deployment d, boolean finalStateUnknown) {}

          private void reconcile(Deployment d) {
            Long generation = d.getMetadata().getGeneration();
            Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
            // No status yet: the sandbox is creating it and rolls it out itself. Caught up: nothing to do.
            if (generation == null || observed == null || observed >= generation) {
              return;
            }
            try {
              space.rollOut(d);
            } catch (RuntimeException e) {
              // A deployment deleted with its control plane in the meantime: nothing left to roll out.
              LOG.warn("sandbox: rollout of {}/{} failed: {}", d.getMetadata().getNamespace(),
                  d.getMetadata().getName(), e.toString());
            }
          }
        });
  }

  @Override
  public void close() {
    informer.close();
  }
}
