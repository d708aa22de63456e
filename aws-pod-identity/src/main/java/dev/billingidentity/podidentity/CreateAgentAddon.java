package dev.billingidentity.podidentity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.aws.ResourceInUseException;

/**
 * Installs the {@code eks-pod-identity-agent} add-on with its default version, because the caller asked the library
 * to ({@code installAgentAddon(true)}). An add-on that exists already counts as done.
 *
 * @param clusterName the cluster
 */
public record CreateAgentAddon(String clusterName) implements Change {
  @Override
  public String kind() {
    return "CreateAddon";
  }

  @Override
  public String describe() {
    return "+ install EKS add-on " + PodIdentitySettings.AGENT_ADDON + " on cluster " + clusterName;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("clusterName", clusterName);
    node.put("addonName", PodIdentitySettings.AGENT_ADDON);
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    try {
      context.retry().run("CreateAddon " + PodIdentitySettings.AGENT_ADDON,
          () -> context.aws().eks().createAddon(clusterName, PodIdentitySettings.AGENT_ADDON));
    } catch (ResourceInUseException e) {
      // Installed in the meantime (a concurrent applier, or someone with the CLI): what we wanted.
    }
  }
}
