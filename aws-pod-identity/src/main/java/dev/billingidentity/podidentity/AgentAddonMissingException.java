package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.PodIdentitySettings;

/**
 * The cluster lacks the {@code eks-pod-identity-agent} add-on, without which pods get no credentials from their
 * associations (the guide does not mention it). Raised before any write; says how to install it.
 */
public final class AgentAddonMissingException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;

  /** The add-on is missing on {@code cluster}. */
  public AgentAddonMissingException(String cluster) {
    super("the EKS Pod Identity Agent add-on (" + PodIdentitySettings.AGENT_ADDON + ") is not installed on cluster '"
        + cluster + "': without it, pods get no credentials from their associations. Nothing was written. Install it: "
        + installCommand(cluster) + " (or let the library: PodIdentitySettings installAgentAddon(true)). Pod Identity "
        + "does not work on Fargate, Windows nodes, Outposts or EKS Anywhere; use IRSA there.");
  }

  /** The {@code aws} CLI command that installs the add-on. */
  public static String installCommand(String cluster) {
    return "aws eks create-addon --cluster-name " + cluster + " --addon-name " + PodIdentitySettings.AGENT_ADDON;
  }
}
