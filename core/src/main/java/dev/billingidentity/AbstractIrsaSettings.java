package dev.billingidentity;

import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Settings of the IRSA mode. Only the cluster, the role and the storage are required:
 *
 * <pre>{@code
 * IrsaSettings.builder()
 *     .cluster("spaces-prod")
 *     .role(IamRole.named("spaces-billing"))
 *     .storage(BillingStorage.s3("us-east-1", "acme-billing"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class AbstractIrsaSettings implements IdentitySettings {
  /** The cluster's OIDC issuer; asked of EKS ({@code DescribeCluster}) when absent. */
  public abstract Optional<OidcIssuer> oidcIssuer();

  /**
   * Opt-in: trust {@code system:serviceaccount:mxp-*-system:vector} with {@code StringLike} instead of one exact
   * subject per control plane. Wider than exact subjects (any default host namespace's vector), so never chosen by
   * the library on its own.
   */
  @Value.Default
  public boolean allowHostNamespacePattern() {
    return false;
  }

  /** Whether to create the cluster's IAM OIDC provider when it is missing. */
  @Value.Default
  public boolean createOidcProvider() {
    return true;
  }

  /** Thumbprints to send when creating the OIDC provider; none by default (IAM fetches the CA itself). */
  public abstract List<String> oidcThumbprints();

  @Override
  public IdentityMode mode() {
    return IdentityMode.IRSA;
  }

  @Value.Check
  protected void check() {
    Problems p = new Problems();
    Settings.checkCommon(p, this);
    for (String t : oidcThumbprints()) {
      p.require(t.matches("[0-9a-fA-F]{40}"), "oidcThumbprints", t, "a thumbprint is 40 hex characters (SHA-1)");
    }
    p.throwIfAny();
  }
}
