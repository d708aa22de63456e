package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.CallerIdentity;
import dev.billingidentity.spi.aws.StsPort;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** {@link StsPort} over the SDK's {@link StsClient}. */
final class SdkStsPort implements StsPort {
  private final StsClient sts;

  SdkStsPort(StsClient sts) {
    this.sts = sts;
  }

  @Override
  public CallerIdentity callerIdentity() {
    GetCallerIdentityResponse me = AwsErrors.call("STS", "GetCallerIdentity", () -> sts.getCallerIdentity(r -> {}));
    return new CallerIdentity(me.account(), me.arn(), me.userId());
  }
}
