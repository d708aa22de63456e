package dev.billingidentity;

import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Settings of the IRSA mode. Only the cluster, the role and the storage are required:
 *
 * <pre>{@code
 * IrsaSettings.builder()
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
public abstract class AbstractIrsaSettings implements IdentitySettings {
  /** {@return the cluster's OIDC issuer; asked of EKS ({@code DescribeCluster}) when absent} */
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

  /** {@return whether to create the cluster's IAM OIDC provider when it is missing} */
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

  /** A builder of IRSA settings: values or raw values, every problem reported together by {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks the settings together when Immutables builds them. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    Settings.checkCommon(p, this);
    checkThumbprints(p, oidcThumbprints());
    p.throwIfAny();
  }

  private static void checkThumbprints(Problems p, List<String> thumbprints) {
    for (String t : thumbprints) {
      p.require(t.matches("[0-9a-fA-F]{40}"), "oidcThumbprints", t, "a thumbprint is 40 hex characters (SHA-1)");
    }
  }

  /**
   * Builds {@link IrsaSettings}: the values both modes share ({@link SettingsBuilder}) and IRSA's own. The issuer may
   * be given as a value ({@link #oidcIssuer(OidcIssuer)}) or as its URL ({@link #oidcIssuerUrl(String)}).
   */
  public static final class Builder extends SettingsBuilder<Builder> {
    private OidcIssuer oidcIssuer;
    private String oidcIssuerUrl;
    private Boolean allowHostNamespacePattern;
    private Boolean createOidcProvider;
    private final List<String> oidcThumbprints = new ArrayList<>();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The cluster's OIDC issuer; asked of EKS when absent. */
    public Builder oidcIssuer(OidcIssuer oidcIssuer) {
      this.oidcIssuer = Objects.requireNonNull(oidcIssuer, "oidcIssuer");
      return this;
    }

    /** The cluster's OIDC issuer, or none (asked of EKS). */
    public Builder oidcIssuer(Optional<? extends OidcIssuer> oidcIssuer) {
      this.oidcIssuer = oidcIssuer.orElse(null);
      return this;
    }

    /** The issuer's URL, checked in {@link #build()} (instead of {@link #oidcIssuer(OidcIssuer)}); null: none. */
    public Builder oidcIssuerUrl(String url) {
      this.oidcIssuerUrl = url;
      return this;
    }

    /** See {@link AbstractIrsaSettings#allowHostNamespacePattern()}; no unless given. */
    public Builder allowHostNamespacePattern(boolean allow) {
      this.allowHostNamespacePattern = allow;
      return this;
    }

    /** See {@link AbstractIrsaSettings#createOidcProvider()}; yes unless given. */
    public Builder createOidcProvider(boolean create) {
      this.createOidcProvider = create;
      return this;
    }

    /** Adds a thumbprint to send when creating the OIDC provider. */
    public Builder addOidcThumbprints(String thumbprint) {
      oidcThumbprints.add(Objects.requireNonNull(thumbprint, "oidcThumbprints element"));
      return this;
    }

    /** Adds thumbprints to send when creating the OIDC provider. */
    public Builder addOidcThumbprints(String... thumbprints) {
      for (String t : thumbprints) {
        addOidcThumbprints(t);
      }
      return this;
    }

    /** Adds thumbprints to send when creating the OIDC provider. */
    public Builder addAllOidcThumbprints(Iterable<String> thumbprints) {
      thumbprints.forEach(this::addOidcThumbprints);
      return this;
    }

    /** The thumbprints to send when creating the OIDC provider, replacing those added so far. */
    public Builder oidcThumbprints(Iterable<String> thumbprints) {
      oidcThumbprints.clear();
      return addAllOidcThumbprints(thumbprints);
    }

    /**
     * {@return the settings, with every value checked together}
     *
     * @throws dev.billingidentity.validation.InvalidInputException listing every problem of every value: a missing
     *     required value, a value given both as a value and as raw values, and every rule a value breaks
     */
    public IrsaSettings build() {
      Problems p = new Problems();
      Common common = common(p);
      OidcIssuer issuer = issuer(p);
      checkThumbprints(p, oidcThumbprints);
      p.throwIfAny();
      IrsaSettings.GeneratedBuilder built = new IrsaSettings.GeneratedBuilder()
          .cluster(common.cluster()).role(common.role()).storage(common.storage()).account(common.optionalAccount())
          .oidcIssuer(Optional.ofNullable(issuer)).oidcThumbprints(oidcThumbprints);
      applyOptions(built::trustPolicyQuota, built::serviceAccount, built::permissionPolicyName, built::prune,
          built::adoptExistingRole, built::trustUnlabelledHostNamespaces,
          built::repairPermissionsBoundary);
      if (allowHostNamespacePattern != null) {
        built.allowHostNamespacePattern(allowHostNamespacePattern);
      }
      if (createOidcProvider != null) {
        built.createOidcProvider(createOidcProvider);
      }
      return built.build();
    }

    private OidcIssuer issuer(Problems p) {
      if (oidcIssuer != null) {
        p.require(oidcIssuerUrl == null, "oidcIssuer", null,
            "give oidcIssuer(OidcIssuer) or oidcIssuerUrl, not both");
        return oidcIssuer;
      }
      return oidcIssuerUrl == null ? null : p.attempt(() -> OidcIssuer.of(oidcIssuerUrl));
    }
  }
}
