package dev.billingidentity.podidentity;

import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.spi.ObservationReads;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What AWS holds for Pod Identity at the start of one operation: the cluster (its ARN), the role with its trust and
 * S3 policy, the agent add-on, and the list of associations. A fixed number of reads plus one per 100 associations
 * (or, for a few explicit host namespaces, one per namespace: {@link AssociationInventory#listFor});
 * the associations that matter are described on demand ({@link #describe}). The context's ports retry reads on
 * AWS's transient answers (throttling, server errors), so thousands of describes ride out a throttling storm.
 *
 * <p>The reads do not depend on one another, nor on the cluster's observation, so they run side by side (within
 * the operation's concurrency): an observation then costs its longest chain of round trips, not their sum.
 */
final class PodIdentityObservation {
  private static final String WHAT = "Pod Identity";

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

  /**
   * Reads what Pod Identity needs of AWS for {@code context}, and observes the Space. The target, the role and the
   * add-on are read alongside; the Space is observed only after the associations are listed, so that every listed
   * association of a live control plane is seen with that control plane: the other way round, an association made
   * for a control plane that appeared in between would look like a gone control plane's, and be pruned.
   */
  static PodIdentityObservation read(StrategyContext context) {
    return read(context, true, false);
  }

  /**
   * As {@link #read(StrategyContext)}, with the billing bucket checked alongside ({@link BucketPreflight}, kept for
   * the rest of the operation): what a plan and a verification read. Its calls, one after another (the account, then
   * two or three S3 calls), then take no time of their own.
   */
  static PodIdentityObservation readWithBucket(StrategyContext context) {
    return read(context, true, true);
  }

  /**
   * As {@link #read(StrategyContext)}, but every association of the cluster is listed even for a few explicit host
   * namespaces: a destroy names what it keeps outside its selection.
   */
  static PodIdentityObservation readAllAssociations(StrategyContext context) {
    return read(context, false, false);
  }

  private static PodIdentityObservation read(StrategyContext context, boolean scoped, boolean bucket) {
    EksPort eks = context.aws().eks();
    IamPort iam = context.aws().iam();
    String cluster = PodIdentityTarget.settingsOf(context.settings()).cluster();
    String serviceAccount = context.settings().serviceAccount();
    try (ObservationReads reads = new ObservationReads(context.options().concurrency())) {
      CompletableFuture<PodIdentityTarget> target = reads.start(() -> PodIdentityTarget.resolve(context, eks));
      CompletableFuture<RoleObservation> role = reads.start(() -> {
        var settings = PodIdentityTarget.settingsOf(context.settings());
        return RoleObservation.read(iam, settings.role().name(), settings.permissionPolicyName());
      });
      CompletableFuture<AgentAddonCheck> addon = reads.start(() -> AgentAddonCheck.observe(eks, cluster));
      CompletableFuture<AssociationInventory> associations = reads.start(() -> {
        AssociationInventory listed = scoped
            ? AssociationInventory.listFor(eks, cluster, serviceAccount, context.controlPlanes())
            : AssociationInventory.list(eks, cluster, serviceAccount);
        context.space();
        return listed;
      });
      CompletableFuture<?> bucketCheck = bucket
          ? reads.start(() -> BucketPreflight.check(context))
          : CompletableFuture.completedFuture(null);
      // Joined in the order the reads used to run one after another, so a failure reports the same cause first.
      PodIdentityObservation observed = new PodIdentityObservation(context, eks, iam,
          ObservationReads.join(target, WHAT), ObservationReads.join(role, WHAT), ObservationReads.join(addon, WHAT),
          ObservationReads.join(associations, WHAT));
      ObservationReads.join(bucketCheck, WHAT);
      return observed;
    }
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

  /** The associations as EKS listed them when this was read. */
  AssociationInventory associations() {
    return associations;
  }

  /**
   * The service account's associations in {@code namespaces}, described, by namespace, at most
   * {@link dev.billingidentity.plan.ApplyOptions#concurrency()} at a time.
   */
  Map<String, Association> describe(Collection<String> namespaces) {
    if (namespaces.isEmpty()) {
      return Map.of();
    }
    return associations().describe(eks, namespaces, context.options().concurrency());
  }
}
