package dev.billingidentity.testing.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fault injection on the AWS fake: each fault fails the call it names, the way the service fails it. */
class FaultsTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final InMemoryAws aws = new InMemoryAws();

  private static NewRole role(String name, String trust) {
    return new NewRole(name, "/", trust, "", Map.of());
  }

  @Test
  void throttlesTheNextCallsOfAnOperationAsIamDoesThenAnswers() {
    aws.faults().throttleNext("GetRole", 2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> aws.findRole("x")).isInstanceOf(ThrottlingException.class).satisfies(e -> {
        assertThat(((ThrottlingException) e).errorCode()).isEqualTo("Throttling");
        assertThat(((ThrottlingException) e).statusCode()).isEqualTo(400);
        assertThat(((ThrottlingException) e).isRetryable()).isTrue();
      }).hasMessageContaining("Rate exceeded");
    }
    assertThat(aws.findRole("x")).isEmpty();
    assertThat(aws.calls().count("GetRole")).isEqualTo(3);
  }

  @Test
  void eksIsThrottledWithItsOwnCodeAndStatus() {
    aws.givenCluster("c");
    aws.faults().throttleNext("DescribeCluster", 1);

    assertThatThrownBy(() -> aws.describeCluster("c")).isInstanceOf(ThrottlingException.class).satisfies(e -> {
      assertThat(((ThrottlingException) e).errorCode()).isEqualTo("TooManyRequestsException");
      assertThat(((ThrottlingException) e).statusCode()).isEqualTo(429);
    });
  }

  @Test
  void aShareOfCallsIsThrottledTheSameWayInEveryRunWithTheSameSeed() {
    List<Boolean> first = throttledCalls(42);
    List<Boolean> second = throttledCalls(42);

    assertThat(first).isEqualTo(second);
    long throttled = first.stream().filter(b -> b).count();
    assertThat(throttled).isBetween(300L, 700L);
    assertThat(throttledCalls(43)).isNotEqualTo(first);
  }

  private static List<Boolean> throttledCalls(long seed) {
    InMemoryAws fake = new InMemoryAws();
    fake.faults().throttleShare("GetRole", 0.5, seed);
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      try {
        fake.findRole("x");
        out.add(false);
      } catch (ThrottlingException e) {
        out.add(true);
      }
    }
    return out;
  }

  @Test
  void failsExactlyCallKOfAnOperationWithAwsInternalFailure() {
    aws.faults().failCall("CreateRole", 2);

    aws.createRole(role("one", TRUST));
    assertThatThrownBy(() -> aws.createRole(role("two", TRUST))).isInstanceOf(AwsServiceException.class)
        .hasMessageContaining("InternalFailure (HTTP 500)")
        .satisfies(e -> assertThat(((AwsServiceException) e).isRetryable()).isTrue());
    aws.createRole(role("three", TRUST));

    assertThat(aws.role("two")).isEmpty();
    assertThat(aws.role("three")).isPresent();
  }

  @Test
  void failsCallKWithTheGivenException() {
    aws.faults().failCall("CreateRole", 1, () -> new IllegalStateException("the applier's host crashed"));

    assertThatThrownBy(() -> aws.createRole(role("one", TRUST))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the applier's host crashed");
    assertThat(aws.role("one")).isEmpty();
  }

  @Test
  void callsAreCountedFromWhenTheFaultIsSet() {
    aws.findRole("a");
    aws.findRole("b");
    aws.faults().failCall("GetRole", 1);

    assertThatThrownBy(() -> aws.findRole("c")).isInstanceOf(AwsServiceException.class);
  }

  @Test
  void aBurstOfServerErrorsEnds() {
    aws.faults().failNext("GetRole", 3);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> aws.findRole("x")).hasMessageContaining("InternalFailure");
    }
    assertThat(aws.findRole("x")).isEmpty();
  }

  @Test
  void failsTheKthWriteWhateverItIs() {
    aws.givenCluster("c");
    aws.faults().failWrite(2, () -> new IllegalStateException("crash"));

    aws.createRole(role("r", TRUST));
    aws.findRole("r");
    assertThatThrownBy(() -> aws.putRolePolicy("r", "p", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")).hasMessage("crash");
    aws.putRolePolicy("r", "p", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
  }

  @Test
  void aHookBeforeCallKPlaysAConcurrentWriterAndItsChangeIsLostAsOnIam() {
    aws.createRole(role("shared", TRUST));
    String theirs = TRUST.replace("pods.eks.amazonaws.com", "ec2.amazonaws.com");
    String ours = TRUST.replace("pods.eks.amazonaws.com", "lambda.amazonaws.com");
    // Between our read and our write, another process writes: UpdateAssumeRolePolicy has no precondition.
    aws.faults().beforeCall("UpdateAssumeRolePolicy", 1, () -> aws.setTrustPolicy("shared", theirs));

    String read = aws.findRole("shared").orElseThrow().trustPolicyJson();
    aws.updateTrustPolicy("shared", ours);

    assertThat(read).isEqualTo(TRUST);
    assertThat(aws.role("shared").orElseThrow().trustPolicyJson()).isEqualTo(ours);
    assertThat(aws.calls().count("UpdateAssumeRolePolicy")).isEqualTo(1);
  }

  @Test
  void aHookForAnyOperationRunsBeforeTheKthCallWhateverItIs() {
    List<String> seen = new ArrayList<>();
    aws.faults().beforeCall(Faults.ANY, 2, () -> seen.add("hook"));

    aws.findRole("a");
    seen.add("first");
    aws.listOidcProviderArns();
    seen.add("second");

    assertThat(seen).containsExactly("first", "hook", "second");
  }

  @Test
  void latencyIsAddedToEveryCallOfTheOperation() {
    aws.faults().latency("GetRole", Duration.ofMillis(30));

    long start = System.nanoTime();
    aws.findRole("a");
    aws.findRole("b");
    long elapsed = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsed).isGreaterThanOrEqualTo(60);
  }

  @Test
  void clearRemovesEveryFault() {
    aws.givenCluster("c");
    aws.faults().throttleNext(Faults.ANY, 100).failCall("GetRole", 1).latency(Faults.ANY, Duration.ofSeconds(5))
        .failWrite(1, () -> new IllegalStateException("crash"));

    aws.faults().clear();

    assertThat(aws.findRole("x")).isEmpty();
    aws.createRole(role("r", TRUST));
    aws.createPodIdentityAssociation(new NewAssociation("c", "ns", "vector", aws.role("r").orElseThrow().arn(),
        Map.of()));
  }

  @Test
  void aShareMustBeAProbability() {
    assertThatThrownBy(() -> aws.faults().throttleShare("GetRole", 1.5, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
