package dev.billingidentity.irsa;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.ClusterInfo;

/**
 * The resolved names of one IRSA operation: the account (settings or STS), the cluster's issuer (settings or EKS
 * {@code DescribeCluster}), and the ARNs derived from them.
 */
record IrsaTarget(IrsaSettings settings, AwsAccount account, OidcIssuer issuer) {

  static IrsaTarget resolve(StrategyContext context) {
    return new IrsaTarget((IrsaSettings) context.settings(), context.account(), issuer(context));
  }

  /** The cluster's issuer: the settings', else the one EKS describes (a read of its own, apart from the account). */
  static OidcIssuer issuer(StrategyContext context) {
    IrsaSettings settings = (IrsaSettings) context.settings();
    return settings.oidcIssuer().orElseGet(() -> issuerOf(context, settings.cluster()));
  }

  private static OidcIssuer issuerOf(StrategyContext context, String cluster) {
    ClusterInfo info = context.aws().eks().describeCluster(cluster);
    String url = info.oidcIssuer().orElseThrow(() -> new BillingIdentityException("EKS cluster '" + cluster
        + "' has no OIDC issuer (identity.oidc.issuer is empty); IRSA needs one. Use Pod Identity, or give the issuer "
        + "in the settings (oidcIssuer)."));
    return OidcIssuer.of(url);
  }

  String roleArn() {
    return settings.role().arn(account);
  }

  String providerArn() {
    return issuer.providerArn(account);
  }

  String subject(String hostNamespace) {
    return Subjects.of(hostNamespace, settings.serviceAccount());
  }
}
