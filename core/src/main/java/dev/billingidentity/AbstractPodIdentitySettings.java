package dev.billingidentity;

import dev.billingidentity.validation.Problems;
import dev.billingidentity.workload.VectorVersion;
import java.util.Objects;
import org.immutables.value.Value;

/**
 * Settings of the EKS Pod Identity mode. Only the cluster, the role and the storage are required:
 *
 * <pre>{@code
 * PodIdentitySettings.builder()
 *     .cluster("spaces-prod")
 *     .role(IamRole.named("spaces-billing"))            // or .roleName("spaces-billing")
 *     .storage(BillingStorage.s3("us-east-1", "acme-billing"))   // or .bucket("acme-billing").region("us-east-1")
 *     .build();
 * }</pre>
 *
 * {@link Builder#build()} checks every value together and lists every problem in one
 * {@link dev.billingidentity.validation.InvalidInputException} (see {@link SettingsBuilder}).
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

  /**
   * The oldest vector that can use Pod Identity's credentials: {@link VectorVersion#MINIMUM_FOR_POD_IDENTITY}
   * (0.46.0, its source there) unless given. {@code verify()} reports a host namespace whose vector (pod template or
   * any running pod) is older as a problem, and one whose release its image tag does not tell as unknown; the
   * migration from IRSA refuses its first step while any is older.
   */
  @Value.Default
  public VectorVersion minimumVectorVersionForPodIdentity() {
    return VectorVersion.MINIMUM_FOR_POD_IDENTITY;
  }

  @Override
  public IdentityMode mode() {
    return IdentityMode.POD_IDENTITY;
  }

  /** A builder of Pod Identity settings: values or raw values, every problem reported together by {@code build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks the settings together when Immutables builds them. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    Settings.checkCommon(p, this);
    p.throwIfAny();
  }

  /** Builds {@link PodIdentitySettings}: the values both modes share ({@link SettingsBuilder}) and Pod Identity's own. */
  public static final class Builder extends SettingsBuilder<Builder> {
    private Boolean installAgentAddon;
    private VectorVersion minimumVectorVersion;
    private String minimumVectorVersionRaw;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** See {@link AbstractPodIdentitySettings#installAgentAddon()}; no unless given. */
    public Builder installAgentAddon(boolean install) {
      this.installAgentAddon = install;
      return this;
    }

    /** See {@link AbstractPodIdentitySettings#minimumVectorVersionForPodIdentity()}; 0.46.0 unless given. */
    public Builder minimumVectorVersionForPodIdentity(VectorVersion minimum) {
      this.minimumVectorVersion = Objects.requireNonNull(minimum, "minimum");
      return this;
    }

    /** The same as a raw value, {@code MAJOR.MINOR.PATCH}, checked in {@code build()}; null leaves it unset. */
    public Builder minimumVectorVersionForPodIdentity(String minimum) {
      this.minimumVectorVersionRaw = minimum;
      return this;
    }

    /**
     * {@return the settings, with every value checked together}
     *
     * @throws dev.billingidentity.validation.InvalidInputException listing every problem of every value: a missing
     *     required value, a value given both as a value and as raw values, and every rule a value breaks
     */
    public PodIdentitySettings build() {
      Problems p = new Problems();
      Common common = common(p);
      VectorVersion minimumVector = minimumVectorVersion(p);
      p.throwIfAny();
      PodIdentitySettings.GeneratedBuilder built = new PodIdentitySettings.GeneratedBuilder()
          .cluster(common.cluster()).role(common.role()).storage(common.storage()).account(common.optionalAccount());
      applyOptions(built::trustPolicyQuota, built::serviceAccount, built::permissionPolicyName, built::prune,
          built::adoptExistingRole, built::trustUnlabelledHostNamespaces,
          built::repairPermissionsBoundary);
      if (installAgentAddon != null) {
        built.installAgentAddon(installAgentAddon);
      }
      if (minimumVector != null) {
        built.minimumVectorVersionForPodIdentity(minimumVector);
      }
      return built.build();
    }

    private VectorVersion minimumVectorVersion(Problems p) {
      if (minimumVectorVersionRaw == null) {
        return minimumVectorVersion;
      }
      p.require(minimumVectorVersion == null, "minimumVectorVersionForPodIdentity", null,
          "give minimumVectorVersionForPodIdentity(VectorVersion) or its raw value, not both");
      return p.attempt(() -> VectorVersion.parse("minimumVectorVersionForPodIdentity", minimumVectorVersionRaw));
    }
  }
}
