package dev.billingidentity.examples.operator;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.kubernetes.controller.BillingIdentityController;
import dev.billingidentity.kubernetes.controller.ControllerSettings;
import dev.billingidentity.kubernetes.controller.ReconcileOutcome;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator: keeps the billing identity true while control planes come and go. Run as a Deployment of two
 * replicas (manifests in {@code examples/operator/}); only the Lease holder reconciles. Each reconcile is
 * {@code apply()} then {@code restartStale()}; AWS credentials come from the SDK's default chain (give the operator
 * its own role through IRSA or Pod Identity; {@code billing-identity permissions} prints its policy).
 */
public final class BillingIdentityOperator {
  private static final Logger LOG = LoggerFactory.getLogger(BillingIdentityOperator.class);

  private BillingIdentityOperator() {}

  public static void main(String[] args) throws InterruptedException {
    OperatorConfig config = OperatorConfig.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    AwsAdapters aws = AwsAdapters.builder().region(config.settings().storage().region()).build();
    BillingIdentity identity = (config.settings() instanceof IrsaSettings irsa
        ? BillingIdentity.irsa(irsa) : BillingIdentity.podIdentity((PodIdentitySettings) config.settings()))
        .using(aws.backend(), new Fabric8Cluster(client))
        .forControlPlanes(config.controlPlanes());
    BillingIdentityController controller = new BillingIdentityController(client,
        ControllerSettings.defaults(config.leaseNamespace()), () -> reconcile(identity));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down: finishing the reconcile in flight and releasing the lease");
      controller.close();
      aws.close();
      client.close();
      stopped.countDown();
    }, "billing-identity-shutdown"));
    controller.start();
    stopped.await();
  }

  /** One reconcile: converge AWS, then restart the workloads whose pods predate their identity. */
  static ReconcileOutcome reconcile(BillingIdentity identity) {
    ApplyResult applied = identity.apply();
    ApplyResult restarted = identity.restartStale();
    int writes = applied.applied().size() + restarted.applied().size();
    return new ReconcileOutcome(writes, applied.applied().size() + " change(s), " + restarted.applied().size()
        + " restart(s); " + (restarted.verification().isHealthy() ? "healthy"
            : restarted.verification().drift().size() + " finding(s) need a person (e.g. the Helm values)"));
  }
}
