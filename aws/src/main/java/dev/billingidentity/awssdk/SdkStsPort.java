package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.CallerIdentity;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.spi.aws.StsPort;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@link StsPort} over the SDK's {@link StsClient}. {@code AssumeRoleWithWebIdentity} is sent unsigned, as the SDK's
 * model says: the token is the proof, and the caller's own credentials play no part.
 */
final class SdkStsPort implements StsPort {
  /** Made on first use: a command that asks STS nothing builds no STS client */
  private final Supplier<StsClient> sts;

  SdkStsPort(Supplier<StsClient> sts) {
    this.sts = sts;
  }

  @Override
  public CallerIdentity callerIdentity() {
    GetCallerIdentityResponse me =
        AwsErrors.call("STS", "GetCallerIdentity", () -> sts.get().getCallerIdentity(r -> {}));
    return new CallerIdentity(me.account(), me.arn(), me.userId());
  }

  @Override
  public AssumedRole assumeRoleWithWebIdentity(String roleArn, String sessionName, String webIdentityToken) {
    AssumeRoleWithWebIdentityResponse answer = AwsErrors.call("STS", "AssumeRoleWithWebIdentity",
        () -> sts.get().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName(sessionName)
            .webIdentityToken(webIdentityToken)));
    Credentials c = answer.credentials();
    return new AssumedRole(answer.assumedRoleUser().arn(),
        new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }
}
