package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.billingidentity.awssdk.AwsWire.action;
import static dev.billingidentity.awssdk.AwsWire.eksError;
import static dev.billingidentity.awssdk.AwsWire.queryError;
import static dev.billingidentity.awssdk.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.billingidentity.spi.aws.AwsServiceException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each AWS error the library reacts to arrives as its own type, keeping AWS's code, status and message, the service
 * and the operation. Retries are off here: this is about what an answer becomes, not how often it is asked.
 */
class ErrorTranslationTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  private AwsAdapters adapters;

  @BeforeEach
  void adapters() {
    adapters = AwsWire.adapters(server).retryMaxAttempts(1).build();
  }

  @AfterEach
  void close() {
    adapters.close();
  }

  @ParameterizedTest(name = "IAM {1} (HTTP {0}) is {3}")
  @CsvSource(delimiter = '|', textBlock = """
      404 | NoSuchEntity            | The role with name r cannot be found.           | NoSuchEntityException
      409 | EntityAlreadyExists     | Role with name r already exists.                | EntityAlreadyExistsException
      409 | LimitExceeded           | Cannot exceed quota for ACLSizePerRole: 2048    | LimitExceededException
      400 | MalformedPolicyDocument | Syntax errors in policy.                        | MalformedPolicyDocumentException
      400 | InvalidInput            | ARN arn:aws:iam::x is not valid.                | InvalidParameterException
      400 | ValidationError         | 1 validation error detected                     | InvalidParameterException
      403 | AccessDenied            | User: arn:aws:iam::123456789012:user/x is not authorized | AccessDeniedException
      400 | Throttling              | Rate exceeded                                   | ThrottlingException
      409 | DeleteConflict          | Cannot delete entity, must delete policies first. | AwsServiceException
      500 | ServiceFailure          | Request processing has failed due to an unknown error. | AwsServiceException
      """)
  void iamErrors(int status, String code, String message, String type) {
    server.stubFor(action("UpdateAssumeRolePolicy").willReturn(xml(status, queryError("Sender", code, message))));

    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> adapters.backend().iam().updateTrustPolicy("r", "{}"));

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.service()).isEqualTo("IAM");
    assertThat(e.operation()).isEqualTo("UpdateAssumeRolePolicy");
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.getMessage()).isEqualTo(
        "IAM UpdateAssumeRolePolicy failed: " + code + " (HTTP " + status + "): " + message);
    assertThat(e.getCause()).as("the SDK's exception, for its request id")
        .isInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class);
  }

  @ParameterizedTest(name = "EKS {1} (HTTP {0}) is {2}")
  @CsvSource(delimiter = '|', textBlock = """
      404 | ResourceNotFoundException      | NoSuchEntityException
      409 | ResourceInUseException         | ResourceInUseException
      400 | InvalidParameterException      | InvalidParameterException
      400 | ResourceLimitExceededException | LimitExceededException
      403 | AccessDeniedException          | AccessDeniedException
      429 | TooManyRequestsException       | ThrottlingException
      400 | InvalidRequestException        | AwsServiceException
      500 | ServerException                | AwsServiceException
      """)
  void eksErrors(int status, String code, String type) {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod")).willReturn(eksError(status, code, "as EKS says")));

    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> adapters.backend().eks().describeCluster("spaces-prod"));

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.service()).isEqualTo("EKS");
    assertThat(e.operation()).isEqualTo("DescribeCluster");
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.getMessage()).endsWith(": as EKS says");
  }

  @ParameterizedTest(name = "STS {1} is {2}")
  @CsvSource(delimiter = '|', textBlock = """
      403 | AccessDenied          | AccessDeniedException
      403 | InvalidClientTokenId  | AwsServiceException
      """)
  void stsErrors(int status, String code, String type) {
    server.stubFor(action("GetCallerIdentity").willReturn(xml(status, queryError("Sender", code, "as STS says"))));

    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> adapters.backend().sts().callerIdentity());

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.service()).isEqualTo("STS");
    assertThat(e.operation()).isEqualTo("GetCallerIdentity");
    assertThat(e.errorCode()).isEqualTo(code);
  }

  @ParameterizedTest(name = "STS AssumeRoleWithWebIdentity {1} is {2}")
  @CsvSource(delimiter = '|', textBlock = """
      403 | AccessDenied          | AccessDeniedException
      400 | InvalidIdentityToken  | InvalidTokenException
      400 | ExpiredTokenException | InvalidTokenException
      400 | IDPRejectedClaim      | InvalidTokenException
      400 | ValidationError       | InvalidParameterException
      """)
  void webIdentityErrors(int status, String code, String type) {
    server.stubFor(action("AssumeRoleWithWebIdentity").willReturn(xml(status, queryError("Sender", code,
        "as STS says"))));

    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> adapters.backend().sts().assumeRoleWithWebIdentity("arn:aws:iam::123456789012:role/r", "probe",
            "a.secret.token"));

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.operation()).isEqualTo("AssumeRoleWithWebIdentity");
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.getMessage()).endsWith(": as STS says").doesNotContain("a.secret.token");
  }

  @Test
  void aServerErrorThatOutlivesTheSdkRetriesIsStillRetryableLater() {
    server.stubFor(action("GetRole").willReturn(xml(503, queryError("Receiver", "ServiceUnavailable", "busy"))));

    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> adapters.backend().iam().findRole("r"));

    assertThat(e.getClass()).isEqualTo(AwsServiceException.class);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void noAnswerAtAllKeepsTheSdkReasonAsTheCodeAndStatusZero() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (AwsAdapters unreachable = AwsWire.adapters(server).retryMaxAttempts(1)
        .endpointOverride(URI.create("http://127.0.0.1:" + closedPort)).build()) {
      AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
          () -> unreachable.backend().sts().callerIdentity());

      assertThat(e.statusCode()).isZero();
      assertThat(e.errorCode()).isEqualTo("SdkClientException");
      assertThat(e.isRetryable()).isFalse();
    }
  }
}
