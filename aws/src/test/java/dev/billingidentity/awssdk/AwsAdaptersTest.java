package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.billingidentity.awssdk.AwsWire.STS_NS;
import static dev.billingidentity.awssdk.AwsWire.action;
import static dev.billingidentity.awssdk.AwsWire.json;
import static dev.billingidentity.awssdk.AwsWire.queryError;
import static dev.billingidentity.awssdk.AwsWire.queryResponse;
import static dev.billingidentity.awssdk.AwsWire.requests;
import static dev.billingidentity.awssdk.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.AwsBackendProvider;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.SessionCredentials;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

class AwsAdaptersTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  private static final Pattern SCOPE = Pattern.compile("Credential=AKIAFAKE/\\d{8}/([^/]+)/([^/]+)/aws4_request");

  @BeforeEach
  void answers() {
    server.stubFor(action("GetCallerIdentity").willReturn(xml(200, queryResponse(STS_NS, "GetCallerIdentity",
        "<Arn>arn:aws:iam::123456789012:user/a</Arn><UserId>AIDAFAKE</UserId><Account>123456789012</Account>"))));
    server.stubFor(action("GetRole").willReturn(
        xml(404, queryError("Sender", "NoSuchEntity", "The role with name r cannot be found."))));
    server.stubFor(get(urlPathEqualTo("/clusters/c")).willReturn(json(200, "{\"cluster\":{\"name\":\"c\"}}")));
  }

  /** Region and service of each request's SigV4 credential scope. */
  private static List<String> signingScopes() {
    return requests(server).stream().map(AwsAdaptersTest::scope).toList();
  }

  private static String scope(LoggedRequest request) {
    Matcher m = SCOPE.matcher(request.getHeader("Authorization"));
    assertThat(m.find()).as(request.getHeader("Authorization")).isTrue();
    return m.group(1) + "/" + m.group(2);
  }

  private static void callEachService(AwsBackend aws) {
    aws.iam().findRole("r");
    aws.sts().callerIdentity();
    aws.eks().describeCluster("c");
  }

  @Test
  void iamIsCalledInTheGlobalRegionStsAndEksInTheGivenOne() {
    try (AwsAdapters aws = AwsWire.adapters(server).region("eu-west-1").build()) {
      callEachService(aws.backend());
    }

    assertThat(signingScopes()).containsExactly("aws-global/iam", "eu-west-1/sts", "eu-west-1/eks");
  }

  @Test
  void eachSdkClientIsMadeOnTheFirstCallOfItsPortAndOnlyThen() {
    try (AwsAdapters aws = AwsWire.adapters(server).region("us-east-1").build()) {
      assertThat(aws.clientsMade()).isEmpty();

      aws.backend().sts().callerIdentity();
      assertThat(aws.clientsMade()).singleElement().isInstanceOf(StsClient.class);

      aws.backend().iam().findRole("r");
      aws.backend().sts().callerIdentity();
      assertThat(aws.clientsMade()).hasSize(2).noneMatch(EksClient.class::isInstance);
    }
  }

  @Test
  void inChinaIamIsCalledInTheChinaGlobalRegion() {
    try (AwsAdapters aws = AwsWire.adapters(server).region("cn-north-1").build()) {
      callEachService(aws.backend());
    }

    assertThat(signingScopes()).containsExactly("aws-cn-global/iam", "cn-north-1/sts", "cn-north-1/eks");
  }

  @Test
  void s3IsCalledPathStyleInEachBucketsOwnRegionAndCounted() {
    server.stubFor(head(urlPathEqualTo("/acme-billing"))
        .willReturn(aResponse().withStatus(200)
            .withHeader("x-amz-bucket-region", "eu-central-1")));
    try (AwsAdapters aws = AwsWire.adapters(server).region("us-east-1").build()) {
      BucketStatus status = aws.backend().s3().findBucket(BillingStorage.s3("eu-central-1", "acme-billing"));
      aws.backend().s3().findBucket(BillingStorage.s3("us-east-1", "acme-billing"));

      assertThat(status).isEqualTo(BucketStatus.found("acme-billing", "eu-central-1"));
      assertThat(aws.calls().snapshot().calls("S3:HeadBucket")).isEqualTo(2);
    }

    assertThat(signingScopes()).containsExactly("eu-central-1/s3", "us-east-1/s3");
    assertThat(requests(server)).allSatisfy(r -> assertThat(r.getUrl()).isEqualTo("/acme-billing"));
  }

  @Test
  void theProbeSignsWithTheSessionItIsGivenAndItsToken() {
    server.stubFor(head(urlPathEqualTo("/acme-billing"))
        .willReturn(aResponse().withStatus(403)));
    SessionCredentials session = new SessionCredentials("ASIASESSIONEXAMPLE01", "session-secret", "session-token");
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      assertThat(aws.backend().s3().findBucketAs(session, BillingStorage.s3("us-east-1", "acme-billing")))
          .isEqualTo(BucketStatus.forbidden("acme-billing", Optional.empty()));
    }

    LoggedRequest probe = AwsWire.onlyRequest(server);
    assertThat(probe.getHeader("Authorization")).contains("Credential=ASIASESSIONEXAMPLE01/");
    assertThat(probe.getHeader("X-Amz-Security-Token")).isEqualTo("session-token");
  }

  @Test
  void anS3ClientOfAnotherRegionThanTheBucketsIsRefusedNamingBoth() {
    try (S3Client s3 = S3Client.builder().region(Region.EU_WEST_1).endpointOverride(URI.create(server.baseUrl()))
            .forcePathStyle(true).credentialsProvider(AwsWire.FAKE_CREDENTIALS).build();
        IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(AwsWire.FAKE_CREDENTIALS)
            .build();
        StsClient sts = StsClient.builder().region(Region.EU_WEST_1).credentialsProvider(AwsWire.FAKE_CREDENTIALS)
            .build();
        EksClient eks = EksClient.builder().region(Region.EU_WEST_1).credentialsProvider(AwsWire.FAKE_CREDENTIALS)
            .build()) {
      AwsBackend backend = AwsAdapters.of(iam, sts, eks, s3);

      assertThatThrownBy(() -> backend.s3().findBucket(BillingStorage.s3("us-east-1", "acme-billing")))
          .hasMessageContaining("eu-west-1").hasMessageContaining("us-east-1");
      assertThat(requests(server)).isEmpty();
    }
  }

  @Test
  void zeroAttemptsIsRefused() {
    assertThatThrownBy(() -> AwsAdapters.builder().retryMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theServiceLoaderFindsTheDefaultProviderWhichUsesTheSdkDefaultChains() {
    Map<String, String> settings = Map.of("aws.region", "us-west-2", "aws.accessKeyId", "AKIAFAKE",
        "aws.secretAccessKey", "fake", "aws.endpointUrl", server.baseUrl());
    settings.forEach(System::setProperty);
    try {
      AwsBackendProvider provider = ServiceLoader.load(AwsBackendProvider.class).findFirst().orElseThrow();
      assertThat(provider).isInstanceOf(DefaultAwsBackendProvider.class);

      assertThat(provider.create().sts().callerIdentity().account()).isEqualTo("123456789012");

      assertThat(signingScopes()).containsExactly("us-west-2/sts");
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
  }
}
