package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS's wire shapes for WireMock stubs (IAM and STS: Query protocol, XML answers; EKS: REST-JSON), and readers of
 * the requests the SDK sent. The shapes follow AWS's API reference.
 */
final class AwsWire {
  static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  static final StaticCredentialsProvider FAKE_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake"));

  private AwsWire() {}

  /** A WireMock server on a free loopback port, reset before each test. */
  static WireMockExtension server() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();
  }

  /** Adapters against the server, with fake credentials and millisecond backoff. */
  static AwsAdapters.Builder adapters(WireMockExtension server) {
    return AwsAdapters.builder()
        .region("us-east-1")
        .endpointOverride(URI.create(server.baseUrl()))
        .credentialsProvider(FAKE_CREDENTIALS)
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
  }

  /** A Query-protocol request of IAM or STS for one action. */
  static MappingBuilder action(String action) {
    return post(urlEqualTo("/")).withFormParam("Action", equalTo(action));
  }

  /** {@code <ActionResponse><ActionResult>result</ActionResult><ResponseMetadata/></ActionResponse>}. */
  static String queryResponse(String namespace, String action, String result) {
    return "<" + action + "Response xmlns=\"" + namespace + "\">"
        + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
        + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>"
        + "</" + action + "Response>";
  }

  /** An IAM or STS error: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>}. */
  static String queryError(String type, String code, String message) {
    return "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
        + "</Message></Error><RequestId>4c1d3a2b-5e6f-4a7b-8c9d-0e1fEXAMPLE</RequestId></ErrorResponse>";
  }

  static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** An EKS error: the type in {@code x-amzn-ErrorType} (with the service's suffix, as EKS sends it), a message. */
  static ResponseDefinitionBuilder eksError(int status, String type, String message) {
    return json(status, "{\"message\":\"" + message + "\"}")
        .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.eks/");
  }

  /** The requests the server got, oldest first. */
  static List<LoggedRequest> requests(WireMockExtension server) {
    List<LoggedRequest> out = new ArrayList<>();
    server.getAllServeEvents().stream().map(ServeEvent::getRequest).forEach(out::add);
    Collections.reverse(out);
    return out;
  }

  /** The only request the server got. */
  static LoggedRequest onlyRequest(WireMockExtension server) {
    List<LoggedRequest> all = requests(server);
    if (all.size() != 1) {
      throw new AssertionError("expected one request, got " + all.size() + ": " + all);
    }
    return all.get(0);
  }

  /** A form-encoded body as name → value, in the order sent. */
  static Map<String, String> form(LoggedRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
