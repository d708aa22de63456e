package dev.billingidentity.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fake's injected faults, seen through HTTP and the SDK: throttling is retried by the SDK, and the fake's call log
 * and the adapters' counter agree on how often AWS was asked.
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
