package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.billingidentity.awssdk.AwsWire.IAM_NS;
import static dev.billingidentity.awssdk.AwsWire.STS_NS;
import static dev.billingidentity.awssdk.AwsWire.action;
import static dev.billingidentity.awssdk.AwsWire.eksError;
import static dev.billingidentity.awssdk.AwsWire.json;
import static dev.billingidentity.awssdk.AwsWire.queryError;
import static dev.billingidentity.awssdk.AwsWire.queryResponse;
import static dev.billingidentity.awssdk.AwsWire.requests;
import static dev.billingidentity.awssdk.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.MalformedPolicyDocumentException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.ThrottlingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * The SDK's retry strategy, as configured by {@link AwsAdapters}: throttling, 5xx, broken connections and slow
 * answers are retried with backoff; quota, policy and permission errors are answered after one request.
 */
class RetryTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
  private static final ResponseDefinitionBuilder THROTTLED =
      xml(400, queryError("Sender", "Throttling", "Rate exceeded"));
  private static final ResponseDefinitionBuilder NO_SUCH_ROLE =
      xml(404, queryError("Sender", "NoSuchEntity", "The role with name r cannot be found."));

  /** Answers the requests of {@code request} with {@code answers} in turn, the last one from then on. */
  private static void answerInTurn(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
    for (int i = 0; i < answers.length; i++) {
      ScenarioMappingBuilder step = request.get().inScenario("answers").whenScenarioStateIs(i == 0 ? STARTED : "after-" + i)
          .willReturn(answers[i]);
      if (i < answers.length - 1) {
        step.willSetStateTo("after-" + (i + 1));
      }
      server.stubFor(step);
    }
  }

  private static AwsAdapters adapters() {
    return AwsWire.adapters(server).retryMaxAttempts(4).build();
  }

  @Test
  void limitExceededIsAnsweredAfterOneRequest() {
    server.stubFor(action("UpdateAssumeRolePolicy").willReturn(
        xml(409, queryError("Sender", "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"))));

    try (AwsAdapters aws = adapters()) {
      assertThatThrownBy(() -> aws.backend().iam().updateTrustPolicy("r", TRUST))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("Cannot exceed quota for ACLSizePerRole: 2048");
      assertThat(aws.calls().snapshot().attempts("IAM:UpdateAssumeRolePolicy")).isEqualTo(1);
    }
    assertThat(requests(server)).hasSize(1);
  }

  @Test
  void aMalformedPolicyIsAnsweredAfterOneRequest() {
    server.stubFor(action("PutRolePolicy").willReturn(
        xml(400, queryError("Sender", "MalformedPolicyDocument", "Syntax errors in policy."))));

    try (AwsAdapters aws = adapters()) {
      assertThatThrownBy(() -> aws.backend().iam().putRolePolicy("r", "p", "{"))
          .isInstanceOf(MalformedPolicyDocumentException.class);
    }
    assertThat(requests(server)).hasSize(1);
  }

  @Test
  void accessDeniedIsAnsweredAfterOneRequest() {
    server.stubFor(action("GetRole").willReturn(xml(403, queryError("Sender", "AccessDenied",
        "User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:GetRole"))));

    try (AwsAdapters aws = adapters()) {
      assertThatThrownBy(() -> aws.backend().iam().findRole("r")).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(requests(server)).hasSize(1);
  }

  @Test
  void iamThrottlingIsRetriedUntilItPasses() {
    answerInTurn(() -> action("GetRole"), THROTTLED, THROTTLED, NO_SUCH_ROLE);

    try (AwsAdapters aws = adapters()) {
      assertThat(aws.backend().iam().findRole("r")).isEmpty();
      assertThat(aws.calls().snapshot().calls("IAM:GetRole")).isEqualTo(1);
      assertThat(aws.calls().snapshot().attempts("IAM:GetRole")).isEqualTo(3);
    }
    assertThat(requests(server)).hasSize(3);
  }

  @Test
  void throttlingThatDoesNotStopFailsAfterTheLastAttempt() {
    server.stubFor(action("GetRole").willReturn(THROTTLED));

    try (AwsAdapters aws = adapters()) {
      assertThatThrownBy(() -> aws.backend().iam().findRole("r")).isInstanceOf(ThrottlingException.class)
          .satisfies(e -> assertThat(((ThrottlingException) e).errorCode()).isEqualTo("Throttling"));
    }
    assertThat(requests(server)).hasSize(4);
  }

  @Test
  void oneAttemptMeansNoRetry() {
    server.stubFor(action("GetRole").willReturn(THROTTLED));

    try (AwsAdapters aws = AwsWire.adapters(server).retryMaxAttempts(1).build()) {
      assertThatThrownBy(() -> aws.backend().iam().findRole("r")).isInstanceOf(ThrottlingException.class);
    }
    assertThat(requests(server)).hasSize(1);
  }

  @Test
  void adaptiveModeRetriesThrottlingToo() {
    answerInTurn(() -> action("GetRole"), THROTTLED, NO_SUCH_ROLE);

    try (AwsAdapters aws = AwsWire.adapters(server).retryMode(RetryMode.ADAPTIVE_V2).build()) {
      assertThat(aws.backend().iam().findRole("r")).isEmpty();
    }
    assertThat(requests(server)).hasSize(2);
  }

  @Test
  void eksTooManyRequestsIsRetriedWithTheSameIdempotencyToken() throws Exception {
    answerInTurn(() -> post(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations")),
        eksError(429, "TooManyRequestsException", "Too many requests."),
        json(200, "{\"association\":{\"clusterName\":\"spaces-prod\",\"namespace\":\"mxp-a-system\","
            + "\"serviceAccount\":\"vector\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"associationId\":"
            + "\"a-1\",\"associationArn\":\"arn:aws:eks:us-east-1:123456789012:podidentityassociation/spaces-prod/a-1\","
            + "\"tags\":{}}}"));

    try (AwsAdapters aws = adapters()) {
      assertThat(aws.backend().eks().createPodIdentityAssociation(new NewAssociation("spaces-prod", "mxp-a-system",
          "vector", "arn:aws:iam::123456789012:role/r", Map.of())).associationId()).isEqualTo("a-1");
    }
    ObjectMapper json = new ObjectMapper();
    List<String> tokens = requests(server).stream()
        .map(r -> {
          try {
            return json.readTree(r.getBodyAsString()).get("clientRequestToken").asText();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        })
        .toList();
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(1)).as("EKS does the work once").isEqualTo(tokens.get(0));
  }

  @Test
  void serverErrorsAreRetried() {
    answerInTurn(() -> action("GetCallerIdentity"),
        xml(500, queryError("Receiver", "InternalFailure", "We encountered an internal error.")),
        xml(503, queryError("Receiver", "ServiceUnavailable", "Service unavailable.")),
        xml(200, queryResponse(STS_NS, "GetCallerIdentity", "<Arn>arn:aws:iam::123456789012:user/a</Arn>"
            + "<UserId>AIDAFAKE</UserId><Account>123456789012</Account>")));

    try (AwsAdapters aws = adapters()) {
      assertThat(aws.backend().sts().callerIdentity().account()).isEqualTo("123456789012");
    }
    assertThat(requests(server)).hasSize(3);
  }

  @Test
  void aResetConnectionIsRetried() {
    answerInTurn(() -> action("UpdateAssumeRolePolicy"),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        xml(200, queryResponse(IAM_NS, "UpdateAssumeRolePolicy", null)));

    try (AwsAdapters aws = adapters()) {
      aws.backend().iam().updateTrustPolicy("r", TRUST);
    }
    assertThat(requests(server)).hasSize(2);
  }

  @Test
  void anAnswerSlowerThanTheAttemptTimeoutIsAbandonedAndRetried() {
    server.stubFor(action("GetRole").willReturn(NO_SUCH_ROLE.withFixedDelay(5_000)));

    long start = System.nanoTime();
    try (AwsAdapters aws = AwsWire.adapters(server).retryMaxAttempts(2)
        .apiCallAttemptTimeout(Duration.ofMillis(300)).build()) {
      assertThatThrownBy(() -> aws.backend().iam().findRole("r")).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> {
            assertThat(((AwsServiceException) e).errorCode()).isEqualTo("ApiCallAttemptTimeoutException");
            assertThat(((AwsServiceException) e).statusCode()).isZero();
          });
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(requests(server)).hasSize(2);
  }
}
