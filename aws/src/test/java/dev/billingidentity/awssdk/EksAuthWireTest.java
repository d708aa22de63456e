package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.spi.aws.ThrottlingException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * EKS Auth {@code AssumeRoleForPodIdentity} on the wire, against answers copied in shape from botocore's model of
 * EKS Auth (REST-JSON, {@code x-amzn-ErrorType}): the request is a SigV4-signed POST for {@code eks-auth} in the
 * region, with the token in the body and nowhere else.
 */
class EksAuthWireTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  private static final String PATH = "/clusters/spaces-prod/assume-role-for-pod-identity";
  private static final String ANSWER = "{\"subject\":{\"namespace\":\"mxp-1-system\",\"serviceAccount\":\"vector\"},"
      + "\"audience\":\"pods.eks.amazonaws.com\",\"podIdentityAssociation\":{\"associationArn\":"
      + "\"arn:aws:eks:us-east-1:123456789012:podidentityassociation/spaces-prod/a-1\",\"associationId\":\"a-1\"},"
      + "\"assumedRoleUser\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/spaces-billing/eks-spaces-pro-vector-1\","
      + "\"assumeRoleId\":\"AROAEXAMPLE:eks-spaces-pro-vector-1\"},\"credentials\":{\"sessionToken\":\"st\","
      + "\"secretAccessKey\":\"sk\",\"accessKeyId\":\"ASIAEXAMPLE\",\"expiration\":1.7e9}}";

  @Test
  void theCallIsSignedForEksAuthInTheRegionWithTheTokenInTheBodyOnly() {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(ANSWER)));

    AssumedRole session;
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      session = aws.backend().eks().assumeRoleForPodIdentity("spaces-prod", "header.payload.signature");
    }

    LoggedRequest request = AwsWire.onlyRequest(server);
    assertThat(request.getHeader("Authorization"))
        .matches("AWS4-HMAC-SHA256 Credential=AKIAFAKE/\\d{8}/us-east-1/eks-auth/aws4_request, SignedHeaders=.*");
    assertThat(request.getHeader("x-amz-content-sha256")).matches("[0-9a-f]{64}");
    assertThat(request.getBodyAsString()).isEqualTo("{\"token\":\"header.payload.signature\"}");
    assertThat(request.getUrl()).isEqualTo(PATH);
    assertThat(session.assumedRoleArn())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/spaces-billing/eks-spaces-pro-vector-1");
    assertThat(session.credentials().accessKeyId()).isEqualTo("ASIAEXAMPLE");
  }

  @Test
  void errorsAreTypedFromTheirErrorTypeHeader() {
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      server.stubFor(post(urlEqualTo(PATH)).willReturn(AwsWire.eksError(400,
          "AccessDeniedException", "not allowed")));
      assertThatThrownBy(() -> aws.backend().eks().assumeRoleForPodIdentity("spaces-prod", "t.o.k"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage("EKS Auth AssumeRoleForPodIdentity failed: AccessDeniedException (HTTP 400): not allowed");
      server.stubFor(post(urlEqualTo(PATH)).willReturn(AwsWire.eksError(400, "ExpiredTokenException", "expired")));
      assertThatThrownBy(() -> aws.backend().eks().assumeRoleForPodIdentity("spaces-prod", "t.o.k"))
          .isInstanceOf(InvalidTokenException.class)
          .satisfies(e -> assertThat(((InvalidTokenException) e).expired()).isTrue());
      server.stubFor(post(urlEqualTo(PATH)).willReturn(AwsWire.eksError(429, "ThrottlingException", "slow down")));
      assertThatThrownBy(() -> aws.backend().eks().assumeRoleForPodIdentity("spaces-prod", "t.o.k"))
          .isInstanceOf(ThrottlingException.class)
          .satisfies(e -> assertThat(((ThrottlingException) e).isRetryable()).isTrue());
    }
  }

  @Test
  void theEndpointIsEksAuthsDualStackOneOfTheRegion() {
    EksAuthClient us = new EksAuthClient(() -> null, AwsWire.FAKE_CREDENTIALS, Region.US_EAST_1, Optional.empty(),
        null);
    EksAuthClient china = new EksAuthClient(() -> null, AwsWire.FAKE_CREDENTIALS, Region.CN_NORTH_1, Optional.empty(),
        null);

    assertThat(us.endpoint()).hasToString("https://eks-auth.us-east-1.api.aws");
    assertThat(china.endpoint()).hasToString("https://eks-auth.cn-north-1.api.amazonwebservices.com.cn");
  }
}
