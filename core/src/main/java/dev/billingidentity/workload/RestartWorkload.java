package dev.billingidentity.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.WorkloadRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a vector workload as {@code kubectl rollout restart} does, so that its new pods get the identity the
 * webhooks inject only at pod creation, and waits for the rollout to complete. Runs concurrently with other
 * restarts, bounded by {@link dev.billingidentity.plan.ApplyOptions#concurrency()}. A workload deleted since the plan
 * (its control plane went) is done: there is nothing left to restart.
 */
public record RestartWorkload(WorkloadRef workload, String reason) implements Change {
  private static final Logger LOG = LoggerFactory.getLogger(RestartWorkload.class);

  @Override
  public String kind() {
    return "RestartWorkload";
  }

  @Override
  public String describe() {
    return "~ restart " + workload + " (" + reason + ")";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("kind", workload.kind().kubectlName());
    node.put("namespace", workload.namespace());
    node.put("name", workload.name());
    node.put("reason", reason);
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    try {
      context.cluster().restart(workload, context.clock().instant());
      context.cluster().awaitRollout(workload, context.options().rolloutTimeout());
    } catch (ClusterApiException e) {
      if (e.reason() != ClusterApiException.Reason.NOT_FOUND) {
        throw e;
      }
      // Deleted since the plan (its control plane went): no pod of it is left to lack the identity.
      LOG.info("{} is gone: nothing to restart", workload);
    }
  }

  @Override
  public boolean concurrent() {
    return true;
  }
}
