package dev.billingidentity.aws;

import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import org.immutables.value.Value;

/**
 * The cluster's OIDC issuer, as EKS {@code DescribeCluster} reports it ({@code identity.oidc.issuer}), e.g.
 * {@code https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE}.
 */
@Value.Immutable
public abstract class AbstractOidcIssuer {
  /** {@return the issuer URL, e.g. {@code https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE}} */
  @Value.Parameter
  public abstract String url();

  /** {@return an issuer, validated: absolute {@code https} URL with a host, no query, no trailing slash} */
  public static OidcIssuer of(String url) {
    return OidcIssuer.builder().url(url).build();
  }

  /**
   * The issuer without {@code https://}: the name IAM gives the OIDC provider, and the prefix of the
   * {@code :aud} and {@code :sub} condition keys (the guide's {@code <OIDC_PROVIDER>}).
   */
  public String hostPath() {
    return url().replaceFirst("^https://", "");
  }

  /** {@return {@code arn:<partition>:iam::<account>:oidc-provider/<host+path>}} */
  public String providerArn(AwsAccount account) {
    return account.iamArn("oidc-provider/" + hostPath());
  }

  /** Refuses a URL that is not an issuer, naming it and the rule. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    InputRules.issuerUrl(p, "oidcIssuer", url());
    p.throwIfAny();
  }
}
