package dev.billingidentity;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.validation.Problems;
import java.util.Optional;
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

  @Override
  public abstract String cluster();

  @Override
  public abstract IamRole role();

  @Override
  public abstract BillingStorage storage();

  @Override
  public abstract Optional<AwsAccount> account();

  @Override
  @Value.Default
  public String serviceAccount() {
    return "vector";
  }

  @Override
  @Value.Default
  public String permissionPolicyName() {
    return "billing-identity-s3";
  }

  @Override
  @Value.Default
  public boolean prune() {
    return true;
  }

  @Override
  @Value.Default
  public boolean adoptExistingRole() {
    return false;
  }

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
