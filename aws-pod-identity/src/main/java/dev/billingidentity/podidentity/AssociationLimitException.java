package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.PodIdentitySettings;

/**
 * The plan would take the cluster past EKS's 5,000 pod identity associations (a limit that cannot be raised).
 * Raised before any write, with the numbers and the ways out.
 */
public final class AssociationLimitException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  /** The associations the cluster holds now. */
  private final int existing;
  /** The associations the plan creates. */
  private final int creates;
  /** The associations the plan deletes. */
  private final int deletes;

  /** {@code existing} associations, plus {@code creates}, minus {@code deletes}, would pass 5,000 on {@code cluster}. */
  public AssociationLimitException(String cluster, int existing, int creates, int deletes) {
    super("cluster '" + cluster + "' would have " + (existing + creates - deletes) + " pod identity associations ("
        + existing + " existing + " + creates + " to create - " + deletes + " to delete), over EKS's limit of "
        + PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER + " per cluster, which cannot be raised. Nothing was "
        + "written. Ways out: manage fewer control planes per apply (forControlPlanes(...)), delete associations "
        + "the cluster no longer needs, or spread the control planes over more host clusters.");
    this.existing = existing;
    this.creates = creates;
    this.deletes = deletes;
  }

  /** The associations the cluster has now. */
  public int existing() {
    return existing;
  }

  /** The associations the plan would create. */
  public int creates() {
    return creates;
  }

  /** The associations the plan would delete. */
  public int deletes() {
    return deletes;
  }
}
