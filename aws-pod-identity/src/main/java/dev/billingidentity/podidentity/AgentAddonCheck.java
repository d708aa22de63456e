package dev.billingidentity.podidentity;

import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.spi.aws.AddonInfo;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the cluster runs the {@code eks-pod-identity-agent} add-on, which hands the associations' credentials to
 * the pods on each node. Missing, it blocks a plan with the command that installs it, or (when the caller allows)
 * the plan installs it.
 */
final class AgentAddonCheck {
  /** Statuses in which the add-on is on its way: not failing, not yet serving. */
  private static final Set<String> IN_PROGRESS = Set.of("CREATING", "UPDATING");

  private final String cluster;
  private final Optional<AddonInfo> addon;

  private AgentAddonCheck(String cluster, Optional<AddonInfo> addon) {
    this.cluster = cluster;
    this.addon = addon;
  }

  /** Reads the add-on (one {@code DescribeAddon}). */
  static AgentAddonCheck observe(EksPort eks, String cluster) {
    return new AgentAddonCheck(cluster, eks.findAddon(cluster, PodIdentitySettings.AGENT_ADDON));
  }

  /** Whether the add-on is installed and {@code ACTIVE}. */
  boolean active() {
    return addon.map(a -> "ACTIVE".equals(a.status())).orElse(false);
  }

  /** Whether the add-on is installed, whatever its status. */
  boolean installed() {
    return addon.isPresent();
  }

  /**
   * Adds the add-on's part to a plan: nothing when installed (a note when not active), the installation when
   * missing and {@code install}, else a note and the blocker that says how to install it.
   *
   * @return the blocker, if the add-on blocks the plan
   */
  Optional<AgentAddonMissingException> planInto(Plan.Builder plan, boolean install) {
    if (addon.isPresent()) {
      if (!active()) {
        plan.note("add-on " + PodIdentitySettings.AGENT_ADDON + " is " + addon.get().status()
            + ": pods get Pod Identity credentials once it is ACTIVE");
      }
      return Optional.empty();
    }
    if (install) {
      plan.add(new CreateAgentAddon(cluster));
      return Optional.empty();
    }
    plan.note("add-on " + PodIdentitySettings.AGENT_ADDON + " is missing: " + AgentAddonMissingException.installCommand(
        cluster));
    return Optional.of(new AgentAddonMissingException(cluster));
  }

  /** The add-on as a verification finding. */
  Finding finding() {
    String name = PodIdentitySettings.AGENT_ADDON;
    if (addon.isEmpty()) {
      return Finding.problem("addon", "installed", FindingState.MISSING, name + " is not installed on " + cluster,
          AgentAddonMissingException.installCommand(cluster) + " (or installAgentAddon(true) and apply())");
    }
    AddonInfo a = addon.get();
    if (active()) {
      return Finding.ok("addon", "installed", name + " " + a.version() + " ACTIVE");
    }
    if (IN_PROGRESS.contains(a.status())) {
      return Finding.problem("addon", "installed", FindingState.PENDING, name + " is " + a.status(),
          "wait until it is ACTIVE");
    }
    return Finding.problem("addon", "installed", FindingState.NOT_RUNNING, name + " is " + a.status(),
        "aws eks describe-addon --cluster-name " + cluster + " --addon-name " + name
            + " shows why; fix it or reinstall it");
  }
}
