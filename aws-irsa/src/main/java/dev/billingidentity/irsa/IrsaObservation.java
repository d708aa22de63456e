package dev.billingidentity.irsa;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.bucket.BucketCheck;
import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.spi.ObservationReads;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What an IRSA plan or verification reads, side by side: the account, the cluster's issuer, the billing bucket (kept
 * for the operation: {@link BucketPreflight#check}), the role and, once the role's trust is read, the Space (so that
 * every subject the trust lists is seen with its control plane, as the Pod Identity associations are); the OIDC
 * provider once the account and the issuer name it. A read waits only for reads started before it, so even one
 * thread runs them all. Joined in the order a plan used to make them one after another (target, bucket, provider,
 * role), so a failure reports the same cause first.
 *
 * @param target the account, the issuer and the names derived from them
 * @param provider the cluster's IAM OIDC provider, if it exists
 * @param role the role, its trust and its S3 policy as IAM holds them
 */
record IrsaObservation(IrsaTarget target, Optional<OidcProviderInfo> provider, RoleObservation role) {
  private static final String WHAT = "IRSA";

  static IrsaObservation read(StrategyContext context) {
    IrsaSettings settings = (IrsaSettings) context.settings();
    try (ObservationReads reads = new ObservationReads(context.options().concurrency())) {
      CompletableFuture<AwsAccount> account = reads.start(context::account);
      CompletableFuture<OidcIssuer> issuer = reads.start(() -> IrsaTarget.issuer(context));
      CompletableFuture<BucketCheck> bucket = reads.start(() -> BucketPreflight.check(context));
      CompletableFuture<Optional<OidcProviderInfo>> provider = reads.start(() -> context.aws().iam()
          .findOidcProvider(target(settings, account, issuer).providerArn()));
      CompletableFuture<RoleObservation> role = reads.start(() -> {
        RoleObservation read = RoleObservation.read(context.aws().iam(), settings.role().name(),
            settings.permissionPolicyName());
        context.space();
        return read;
      });
      IrsaTarget target = target(settings, account, issuer);
      ObservationReads.join(bucket, WHAT);
      return new IrsaObservation(target, ObservationReads.join(provider, WHAT), ObservationReads.join(role, WHAT));
    }
  }

  private static IrsaTarget target(IrsaSettings settings, CompletableFuture<AwsAccount> account,
      CompletableFuture<OidcIssuer> issuer) {
    return new IrsaTarget(settings, ObservationReads.join(account, WHAT), ObservationReads.join(issuer, WHAT));
  }
}
