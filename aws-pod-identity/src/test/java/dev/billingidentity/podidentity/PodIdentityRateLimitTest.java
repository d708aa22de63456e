package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An apply against an EKS that throttles as AWS does, with a token bucket ({@link RateLimit}) far below what the apply's
 * threads could send: the library paces its calls to the rate EKS answers (dev.billingidentity.plan.AdaptiveRate), so
 * every association is made, no call fails, and throttling answers stay few. Real retries (they sleep), no latency:
 * the assertions are on outcomes and counts, not on time; the achieved rate is the benchmark's
 * ({@code RateLimitedScenario}, BENCHMARKS.md).
 */
class PodIdentityRateLimitTest {
  private static final int CONTROL_PLANES = 60;

  @Test
  void anApplyAgainstARateLimitedEksMakesEveryAssociationWithFewThrottlingAnswers() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    space.aws().faults().rateLimit("EKS", RateLimit.perSecond(100).withBurst(5))
        .latency("*", Duration.ofMillis(2));
    BillingIdentity podIdentity = BillingIdentity.podIdentity(Fixtures.settings().build())
        .using(space.aws().backend(), space.cluster())
        .forControlPlanes(ControlPlanes.discovered())
        .withRetry(Retry.standard());

    ApplyResult first = podIdentity.apply();
    ApplyResult again = podIdentity.apply();

    assertThat(Fixtures.ownedAssociations(space)).hasSize(CONTROL_PLANES);
    assertThat(first.verification().drift()).noneMatch(f -> f.check().equals("association"));
    assertThat(again.calls().writes()).isZero();
    CallCounts eks = space.aws().callsByService().get("EKS");
    // The two applies need some 130 EKS calls; measured here, paced: about 20 throttling answers among them.
    assertThat(eks.throttled()).as("throttling answers of %s EKS calls", eks.calls()).isLessThan(CONTROL_PLANES);
  }
}
