package dev.billingidentity.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.RateLimit;
import dev.billingidentity.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fake's injected faults and rate limits, seen through HTTP and the SDK (standard retry mode): throttling is
 * retried by the SDK, and the fake's call log and the adapters' counter agree on how often AWS was asked.
 */
class FakeServerRetryTest {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

  @BeforeEach
  void reset() {
    aws.fake().calls().reset();
    aws.calls().reset();
  }

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T13:00:00Z"));

  @AfterEach
  void liftTheRateLimits() {
    aws.fake().faults().clear();
  }

  @Test
  void aRateLimitedEksThrottlesTheSdkWhichRetriesOnceTheBucketHasRefilled() {
    InMemoryAws fake = aws.fake();
    fake.givenCluster("limited");
    fake.faults().clock(clock).rateLimit("EKS", RateLimit.perSecond(1));
    aws.backend().eks().describeCluster("limited"); // the bucket's one token
    // The next call finds the bucket empty; a second passes before the SDK's retry arrives.
    fake.faults().beforeCall("DescribeCluster", 1, () -> clock.advance(Duration.ofSeconds(1)));

    assertThat(aws.backend().eks().describeCluster("limited").name()).isEqualTo("limited");

    assertThat(fake.calls().count("DescribeCluster")).isEqualTo(3);
    assertThat(fake.callsByService()).containsEntry("EKS", new CallCounts(3, 1));
    assertThat(aws.calls().snapshot().calls("EKS:DescribeCluster")).isEqualTo(2);
    assertThat(aws.calls().snapshot().attempts("EKS:DescribeCluster")).isEqualTo(3);
  }

  @Test
  void eachServicesThrottlingAnswerIsThrottlingToTheSdkWhichRetriesItAllItsAttempts() {
    InMemoryAws fake = aws.fake();
    fake.givenCluster("empty-bucket");
    fake.s3().givenBucket("acme-billing", fake.region());
    fake.faults().clock(clock);
    for (String service : new String[] {"IAM", "STS", "EKS", "S3"}) {
      fake.faults().rateLimit(service, new RateLimit(1, 1));
    }
    aws.backend().iam().findRole("r");
    aws.backend().sts().callerIdentity();
    aws.backend().eks().describeCluster("empty-bucket");
    aws.backend().s3().findBucketEncryption(BillingStorage.s3(fake.region(), "acme-billing"));
    fake.calls().reset();

    assertThatThrownBy(() -> aws.backend().iam().findRole("r")).isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("Throttling (HTTP 400)");
    assertThatThrownBy(() -> aws.backend().sts().callerIdentity()).isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("Throttling (HTTP 400)");
    assertThatThrownBy(() -> aws.backend().eks().describeCluster("empty-bucket"))
        .isInstanceOf(ThrottlingException.class).hasMessageContaining("TooManyRequestsException (HTTP 429)");
    // GetBucketEncryption: a HEAD's answer has no body, so S3's SlowDown reaches the SDK only as a bare 503 there.
    assertThatThrownBy(() -> aws.backend().s3().findBucketEncryption(BillingStorage.s3(fake.region(),
        "acme-billing"))).isInstanceOf(ThrottlingException.class).hasMessageContaining("SlowDown (HTTP 503)");

    // The SDK's standard mode makes 3 attempts of each, every one throttled: it took each answer for throttling.
    assertThat(fake.callsByService()).containsOnlyKeys("IAM", "STS", "EKS", "S3")
        .allSatisfy((service, counts) -> assertThat(counts).as(service).isEqualTo(new CallCounts(3, 3)));
  }

  @Test
  void throttledCallsAreRetriedByTheSdkUntilTheyPass() {
    InMemoryAws fake = aws.fake();
    fake.givenRole("throttled", TRUST, Map.of());
    fake.faults().throttleNext("GetRole", 2);

    assertThat(aws.backend().iam().findRole("throttled")).isPresent();

    assertThat(fake.calls().count("GetRole")).isEqualTo(3);
    assertThat(aws.calls().snapshot().calls("IAM:GetRole")).isEqualTo(1);
    assertThat(aws.calls().snapshot().attempts("IAM:GetRole")).isEqualTo(3);
  }

  @Test
  void theTrustQuotaIsAnsweredOnceAndNotRetried() {
    aws.backend().iam().createRole(new NewRole("quota", "/", TRUST, "quota", Map.of()));

    assertThatThrownBy(() -> aws.backend().iam().updateTrustPolicy("quota",
        TRUST.replace("pods.eks.amazonaws.com", "x".repeat(2048))))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageEndingWith("LimitExceeded (HTTP 409): Cannot exceed quota for ACLSizePerRole: 2048");

    assertThat(aws.fake().calls().count("UpdateAssumeRolePolicy")).isEqualTo(1);
  }
}
