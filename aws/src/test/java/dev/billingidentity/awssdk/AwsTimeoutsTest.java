package dev.billingidentity.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.testing.server.SlowDripServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Every AWS call ends within its timeouts, even against an endpoint that sends its headers and then a byte a second
 * (which no socket timeout ends), and says which endpoint and which timeout; and a missing region says where one
 * comes from.
 */
class AwsTimeoutsTest {
  @TempDir Path dir;
  private SlowDripServer slow;

  @BeforeEach
  void start() {
    slow = SlowDripServer.start();
  }

  @AfterEach
  void stop() {
    slow.close();
  }

  private AwsAdapters.Builder onTheSlowEndpoint() {
    return AwsAdapters.builder().region("us-east-1").endpointOverride(slow.uri())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
  }

  @Test
  void aStalledEndpointFailsEachCallWithinTheCallTimeoutNamingTheEndpointAndTheTimeout() {
    try (AwsAdapters aws = onTheSlowEndpoint().timeout(Duration.ofSeconds(2)).build()) {
      assertFailsWithin(Duration.ofSeconds(8), () -> aws.backend().sts().callerIdentity(), "within 2s");
      assertFailsWithin(Duration.ofSeconds(8), () -> aws.backend().iam().findRole("spaces-billing"), "within 2s");
      assertFailsWithin(Duration.ofSeconds(8), () -> aws.backend().eks().describeCluster("spaces"), "within 2s");
    }
    assertThat(slow.requests()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void eachAttemptEndsWithinTheAttemptTimeoutAndIsRetried() {
    try (AwsAdapters aws = onTheSlowEndpoint().apiCallAttemptTimeout(Duration.ofSeconds(1))
        .apiCallTimeout(Duration.ofSeconds(30)).retryMaxAttempts(2).build()) {
      assertFailsWithin(Duration.ofSeconds(8), () -> aws.backend().sts().callerIdentity(), "within 1s");
    }
    assertThat(slow.requests()).isEqualTo(2);
  }

  private void assertFailsWithin(Duration bound, ThrowingCallable call, String timeout) {
    long started = System.nanoTime();
    assertThatThrownBy(call).isInstanceOf(AwsServiceException.class)
        .hasMessageContaining("no complete answer from " + slow.uri())
        .hasMessageContaining(timeout);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound);
  }

  @Test
  void everyCallIsBoundedByDefault() {
    assertThat(AwsAdapters.Builder.DEFAULT_API_CALL_TIMEOUT).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(AwsAdapters.Builder.DEFAULT_API_CALL_ATTEMPT_TIMEOUT)
        .isLessThan(AwsAdapters.Builder.DEFAULT_API_CALL_TIMEOUT);
    try (AwsAdapters aws = onTheSlowEndpoint().build()) {
      assertThat(aws.timeouts()).isEqualTo(new AwsTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(20),
          Duration.ofSeconds(5), Duration.ofSeconds(20)));
      // What the SDK clients were configured with, not what the builder meant to configure.
      assertThat(aws.clients()).hasSize(3).allSatisfy(client -> {
        ClientOverrideConfiguration o = client.serviceClientConfiguration().overrideConfiguration();
        assertThat(o.apiCallTimeout()).contains(Duration.ofSeconds(60));
        assertThat(o.apiCallAttemptTimeout()).contains(Duration.ofSeconds(20));
      });
    }
  }

  @Test
  void oneTimeoutBoundsTheCallAndCapsTheOthers() {
    try (AwsAdapters quick = onTheSlowEndpoint().timeout(Duration.ofSeconds(2)).build();
        AwsAdapters patient = onTheSlowEndpoint().timeout(Duration.ofMinutes(5)).build()) {
      Duration two = Duration.ofSeconds(2);
      assertThat(quick.timeouts()).isEqualTo(new AwsTimeouts(two, two, two, two));
      assertThat(patient.timeouts()).isEqualTo(new AwsTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(20),
          Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }
    assertThatThrownBy(() -> AwsAdapters.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }

  @Test
  void aMissingRegionSaysWhereOneComesFrom() {
    assertThatThrownBy(() -> AwsAdapters.Builder.regionFrom(() -> {
      throw SdkClientException.create("Unable to load region from any of the providers in the chain ...");
    }))
        .isInstanceOf(BillingIdentityException.class)
        .hasMessageStartingWith("no AWS region")
        .hasMessageContaining("AWS_REGION").hasMessageContaining("aws.region")
        .hasMessageContaining("~/.aws/config").hasMessageContaining(".region(")
        .hasMessageNotContaining("providers in the chain");
  }

  @Test
  void theDefaultBackendWithNoRegionAnywhereSaysWhereOneComesFrom() {
    Map<String, String> env = System.getenv();
    assumeTrue(env.get("AWS_REGION") == null && env.get("AWS_CONFIG_FILE") == null && env.get("AWS_PROFILE") == null,
        "this machine's environment gives a region");
    // No profile file, no instance metadata (off EC2 it would only cost time): nothing left to give a region.
    Map<String, String> properties = Map.of("aws.configFile", dir.resolve("no-config").toString(),
        "aws.sharedCredentialsFile", dir.resolve("no-credentials").toString(), "aws.disableEc2Metadata", "true");
    String region = System.clearProperty("aws.region");
    properties.forEach(System::setProperty);
    try {
      assertThatThrownBy(() -> AwsAdapters.builder().build())
          .isInstanceOf(BillingIdentityException.class).hasMessageStartingWith("no AWS region");
      assertThatThrownBy(() -> new DefaultAwsBackendProvider().create())
          .isInstanceOf(BillingIdentityException.class).hasMessageContaining("AWS_REGION");
    } finally {
      properties.keySet().forEach(System::clearProperty);
      if (region != null) {
        System.setProperty("aws.region", region);
      }
    }
  }
}
