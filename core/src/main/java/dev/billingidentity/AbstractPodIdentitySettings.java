package dev.billingidentity;

import dev.billingidentity.validation.Problems;
import org.immutables.value.Value;

/**
 * Settings of the EKS Pod Identity mode. Only the cluster, the role and the storage are required:
 *
 * <pre>{@code
 * PodIdentitySettings.builder()
 *     .cluster("spaces-prod")
 *     .role(IamRole.named("spaces-billing"))
 *     .storage(BillingStorage.s3("us-east-1", "acme-billing"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class AbstractPodIdentitySettings implements IdentitySettings {
  /** EKS's limit of pod identity associations per cluster (not raisable). */
  public static final int MAX_ASSOCIATIONS_PER_CLUSTER = 5000;
  /** The add-on that hands out Pod Identity credentials on the nodes. */
  public static final String AGENT_ADDON = "eks-pod-identity-agent";

  /** Whether to install the {@code eks-pod-identity-agent} add-on when it is missing (otherwise: a clear error). */
  @Value.Default
  public boolean installAgentAddon() {
    return false;
  }

  @Override
  public IdentityMode mode() {
    return IdentityMode.POD_IDENTITY;
  }

  @Value.Check
  protected void check() {
    Problems p = new Problems();
    Settings.checkCommon(p, this);
    p.throwIfAny();
  }
}
