package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.Faults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Promise: under throttling storms, server errors and IAM's eventual consistency, apply converges in bounded time;
 * when it cannot, it fails with the cause and the next apply repairs what it left.
 */
class FaultStormTest {

  private static ApplyResult apply(CrashAtEveryStepTest.Mode mode, FakeSpace space, int attempts) {
    return mode.identity.apply(space).using(space.aws().backend(), space.cluster())
        .withRetry(Retry.withoutDelay(attempts)).forControlPlanes(ControlPlanes.discovered()).apply();
  }

  @ParameterizedTest
  @EnumSource(CrashAtEveryStepTest.Mode.class)
  void halfOfAllCallsThrottledAndNewRolesInvisibleForAWhileStillConverge(CrashAtEveryStepTest.Mode mode) {
    FakeSpace reference = CrashAtEveryStepTest.seededSpace();
    apply(mode, reference, 3);
    FakeSpace space = CrashAtEveryStepTest.seededSpace();
    space.aws().faults().throttleShare(Faults.ANY, 0.5, 11);
    space.aws().visibilityDelay(5);

    ApplyResult result = apply(mode, space, 30);

    assertThat(result.applied()).isNotEmpty();
    space.aws().faults().clear();
    assertThat(AwsState.of(space, "spaces-billing")).isEqualTo(AwsState.of(reference, "spaces-billing"));
    assertThat(space.aws().calls().total()).as("bounded: retries, not a storm of our own")
        .isLessThan(20L * reference.aws().calls().total());
  }

  @ParameterizedTest
  @EnumSource(CrashAtEveryStepTest.Mode.class)
  void aServerErrorBurstLongerThanTheRetriesFailsWithTheCauseAndTheNextApplyRepairs(CrashAtEveryStepTest.Mode mode) {
    FakeSpace reference = CrashAtEveryStepTest.seededSpace();
    apply(mode, reference, 3);
    FakeSpace space = CrashAtEveryStepTest.seededSpace();
    for (int k = 1; k <= 3; k++) {
      space.aws().faults().failCall("PutRolePolicy", k, () -> InMemoryAws.internalFailure("IAM", "PutRolePolicy"));
    }

    assertThatThrownBy(() -> apply(mode, space, 3)).isInstanceOf(BillingIdentityException.class)
        .hasMessageContaining("InternalFailure").hasMessageContaining("put inline policy");
    apply(mode, space, 3);

    assertThat(AwsState.of(space, "spaces-billing")).isEqualTo(AwsState.of(reference, "spaces-billing"));
  }
}
