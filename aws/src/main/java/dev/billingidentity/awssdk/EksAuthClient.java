package dev.billingidentity.awssdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.SessionCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * EKS Auth's one operation, {@code AssumeRoleForPodIdentity}, as a SigV4-signed REST-JSON call: the SDK's
 * {@code eksauth} module is not served where this library is built, and the call is small. {@code POST
 * /clusters/{clusterName}/assume-role-for-pod-identity} with {@code {"token": ...}}, signed for {@code eks-auth} in
 * the region, to {@code https://eks-auth.<region>.<dual-stack suffix>} (the SDK's endpoint rules: {@code api.aws},
 * {@code api.amazonwebservices.com.cn} in China) or the endpoint override. Errors arrive as the library's typed
 * exceptions, from {@code x-amzn-ErrorType}. Neither the token nor the credentials are ever logged or put in a message.
 */
final class EksAuthClient {
  static final String SERVICE = "EKS Auth";
  static final String OPERATION = "AssumeRoleForPodIdentity";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<SdkHttpClient> http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final Region region;
  private final Optional<URI> endpointOverride;
  private final AwsCallCounter counter;

  /**
   * @param http the HTTP client to send with (asked on each call, so that one may be made on first use)
   * @param counter counts the call and its attempt, or null
   */
  EksAuthClient(Supplier<SdkHttpClient> http, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      Region region, Optional<URI> endpointOverride, AwsCallCounter counter) {
    this.http = Objects.requireNonNull(http, "http");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.region = Objects.requireNonNull(region, "region");
    this.endpointOverride = Objects.requireNonNull(endpointOverride, "endpointOverride");
    this.counter = counter;
  }

  /** EKS Auth's endpoint for the region, unless overridden. */
  URI endpoint() {
    return endpointOverride.orElseGet(() -> URI.create("https://eks-auth." + region.id() + "."
        + (Partition.ofRegion(region.id()) == Partition.AWS_CN ? "api.amazonwebservices.com.cn" : "api.aws")));
  }

  AssumedRole assumeRoleForPodIdentity(String clusterName, String token) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", token));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    URI base = endpoint();
    String path = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/$", "")) + "/clusters/"
        + URLEncoder.encode(clusterName, StandardCharsets.UTF_8).replace("+", "%20") + "/assume-role-for-pod-identity";
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(base.resolve(path))
        .putHeader("Content-Type", "application/json")
        .putHeader("Content-Length", String.valueOf(body.length))
        .build();
    ContentStreamProvider payload = ContentStreamProvider.fromByteArrayUnsafe(body);
    if (counter != null) {
      counter.count("EKS-AUTH:" + OPERATION);
    }
    try {
      AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
      SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
          .identity(identity)
          .request(request)
          .payload(payload)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "eks-auth")
          .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
      HttpExecuteResponse response = http.get().prepareRequest(HttpExecuteRequest.builder()
          .request(signed.request())
          .contentStreamProvider(signed.payload().orElse(payload))
          .build()).call();
      int status = response.httpResponse().statusCode();
      JsonNode answer = read(response);
      if (status / 100 != 2) {
        throw error(status, response.httpResponse().firstMatchingHeader("x-amzn-ErrorType"), answer);
      }
      JsonNode c = answer.path("credentials");
      return new AssumedRole(answer.path("assumedRoleUser").path("arn").asText(), new SessionCredentials(
          c.path("accessKeyId").asText(), c.path("secretAccessKey").asText(), c.path("sessionToken").asText()));
    } catch (IOException e) {
      throw new AwsServiceException(SERVICE, OPERATION, e.getClass().getSimpleName(), 0,
          "no answer from " + base + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof AwsServiceException) {
        throw e;
      }
      // e.g. no credentials: the SDK's own message names the chain, never a secret.
      throw new AwsServiceException(SERVICE, OPERATION, e.getClass().getSimpleName(), 0, e.getMessage(), e);
    }
  }

  private static JsonNode read(HttpExecuteResponse response) throws IOException {
    Optional<? extends InputStream> stream = response.responseBody();
    if (stream.isEmpty()) {
      return JSON.createObjectNode();
    }
    try (InputStream in = stream.get()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      try {
        return JSON.readTree(bytes);
      } catch (IOException notJson) {
        return JSON.createObjectNode().put("message", "(an answer that is not JSON, HTTP body of " + bytes.length
            + " bytes)");
      }
    }
  }

  /** EKS Auth's error: the code from {@code x-amzn-ErrorType} (before any {@code :}), else the body's {@code __type}. */
  private static AwsServiceException error(int status, Optional<String> errorType, JsonNode body) {
    String code = errorType.map(t -> t.split(":")[0])
        .or(() -> Optional.ofNullable(body.get("__type")).map(JsonNode::asText).map(t -> t.replaceAll(".*#", "")))
        .orElse("Unknown");
    String message = body.has("message") ? body.get("message").asText() : body.path("Message").asText("");
    return AwsErrors.typed(SERVICE, OPERATION, code, status, message, status == 429
        || code.equals("ThrottlingException"), null);
  }
}
