package dev.billingidentity.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.fault.CallLog;
import dev.billingidentity.testing.junit.BillingIdentityFakes;
import dev.billingidentity.testing.junit.SpaceSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a consumer unit-tests its own platform tool against the fakes: here a tiny "onboarding" tool that sets up
 * billing for a new Space and reports whether a Helm upgrade is still needed. No AWS account, no cluster.
 */
@ExtendWith(BillingIdentityFakes.class)
class BillingOnboardingToolTest {

  /** The consumer's code under test: it embeds the library and takes its backends from the caller. */
  static final class BillingOnboardingTool {
    private final BillingIdentity identity;

    BillingOnboardingTool(FakeSpace space) {
      this.identity = BillingIdentity.irsa(IrsaSettings.builder()
              .cluster(space.clusterName())
              .role(IamRole.named("acme-space-billing"))
              .storage(BillingStorage.s3("eu-west-1", "acme-billing-eu"))
              .build())
          .using(space.aws().backend(), space.cluster())
          .forControlPlanes(ControlPlanes.discovered());
    }

    /** Sets billing up and says whether the Space's Helm values still have to be applied. */
    boolean onboardAndNeedsHelmUpgrade() {
      ApplyResult result = identity.apply();
      return result.verification().drift().stream().anyMatch(f -> f.check().equals("service-account-annotation"));
    }
  }

  @Test
  void onboardingANewSpaceAsksForTheHelmUpgradeOnce(@SpaceSize(5) FakeSpace space, CallLog awsCalls) {
    space.aws().s3().givenBucket("acme-billing-eu", "eu-west-1"); // the Space's billing bucket, checked by every plan
    BillingOnboardingTool tool = new BillingOnboardingTool(space);

    assertThat(tool.onboardAndNeedsHelmUpgrade()).isTrue();
    assertThat(awsCalls.count("CreateRole")).isEqualTo(1);

    space.applyHelmValues(dev.billingidentity.helm.HelmValues.irsa(
        BillingStorage.s3("eu-west-1", "acme-billing-eu"), "arn:aws:iam::123456789012:role/acme-space-billing"));
    awsCalls.reset();
    assertThat(tool.onboardAndNeedsHelmUpgrade()).isFalse();
    assertThat(awsCalls.writes()).as("the second run changes nothing in AWS").isZero();
  }

  @Test
  void theToolSurvivesIamThrottlingLikeItWouldInProduction(FakeSpace space) {
    space.aws().s3().givenBucket("acme-billing-eu", "eu-west-1");
    space.aws().faults().throttleNext("CreateRole", 2);

    assertThat(new BillingOnboardingTool(space).onboardAndNeedsHelmUpgrade()).isTrue();
    assertThat(space.aws().role("acme-space-billing")).isPresent();
  }
}
