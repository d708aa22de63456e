package dev.billingidentity.podidentity;

import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import java.util.Collection;
import java.util.Map;

/**
 * What AWS holds for Pod Identity at the start of one operation: the cluster (its ARN), the role with its trust and
 * S3 policy, the agent add-on, and the list of associations. A fixed number of reads plus one per 100 associations;
 * the associations that matter are described on demand ({@link #describe}). The context's ports retry reads on
 * AWS's transient answers (throttling, server errors), so thousands of describes ride out a throttling storm.
 */
final class PodIdentityObservation {
  private final StrategyContext context;
  private final EksPort eks;
  private final IamPort iam;
  private final PodIdentityTarget target;
  private final RoleObservation role;
  private final AgentAddonCheck addon;
  private final AssociationInventory associations;

  private PodIdentityObservation(StrategyContext context, EksPort eks, IamPort iam, PodIdentityTarget target,
      RoleObservation role, AgentAddonCheck addon, AssociationInventory associations) {
    this.context = context;
    this.eks = eks;
    this.iam = iam;
    this.target = target;
    this.role = role;
    this.addon = addon;
    this.associations = associations;
  }

  /** Reads what Pod Identity needs of AWS for {@code context}. */
  static PodIdentityObservation read(StrategyContext context) {
    EksPort eks = context.aws().eks();
    IamPort iam = context.aws().iam();
    PodIdentityTarget target = PodIdentityTarget.resolve(context, eks);
    RoleObservation role = RoleObservation.read(iam, target.settings().role().name(),
        target.settings().permissionPolicyName());
    AgentAddonCheck addon = AgentAddonCheck.observe(eks, target.cluster());
    AssociationInventory associations = AssociationInventory.list(eks, target.cluster(), target.serviceAccount());
    return new PodIdentityObservation(context, eks, iam, target, role, addon, associations);
  }

  StrategyContext context() {
    return context;
  }

  /** The IAM port: for a second role (the IRSA one, while migrating). */
  IamPort iam() {
    return iam;
  }

  PodIdentityTarget target() {
    return target;
  }

  RoleObservation role() {
    return role;
  }

  AgentAddonCheck addon() {
    return addon;
  }

  AssociationInventory associations() {
    return associations;
  }

  /** The service account's associations in {@code namespaces}, described, by namespace. */
  Map<String, Association> describe(Collection<String> namespaces) {
    return associations.describe(eks, namespaces);
  }
}
