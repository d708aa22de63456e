package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.AwsBackendProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
  void inChinaIamIsCalledInTheChinaGlobalRegion() {
    try (AwsAdapters aws = AwsWire.adapters(server).region("cn-north-1").build()) {
      callEachService(aws.backend());
    }

    assertThat(signingScopes()).containsExactly("aws-cn-global/iam", "cn-north-1/sts", "cn-north-1/eks");
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
