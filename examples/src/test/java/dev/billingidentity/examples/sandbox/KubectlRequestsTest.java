package dev.billingidentity.examples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.fabric8.kubernetes.api.model.Namespace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's API server answering requests as kubectl 1.32 writes them (bodies and paths taken from {@code kubectl
 * -v=9}), over HTTP, each bounded by a timeout: a request the mock leaves unanswered fails here instead of hanging.
 */
class KubectlRequestsTest {
  /** {@code kubectl create namespace foo}'s body, as kubectl 1.32 sends it: protobuf. */
  private static final byte[] KUBECTL_CREATE_NS_FOO = HexFormat.of().parseHex(
      "6b3873000a0f0a02763112094e616d65" + "7370616365121b0a130a03666f6f1200"
          + "1a0022002a0032003800420012001a02" + "0a001a002200");
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().controlPlanes(1).start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.kubernetesUrl() + path)).timeout(TIMEOUT)
        .header("Accept", PROTOBUF + ",application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private Namespace namespace(String name) {
    return sandbox.kubernetesClient().namespaces().withName(name).get();
  }

  @Test
  void kubectlCreateNamespaceIsAnsweredAsJsonAndStoresTheNamespace() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict",
        PROTOBUF, KUBECTL_CREATE_NS_FOO);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // Without a content type, client-go would decode the JSON as the protobuf it sent.
    assertThat(created.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(json(created).at("/metadata/name").asText()).isEqualTo("foo");
    assertThat(namespace("foo")).isNotNull();
  }

  @Test
  void aProtobufServiceAccountKeepsItsNamespaceLabelsAndAnnotations() throws Exception {
    ProtobufWriter meta = new ProtobufWriter().string(1, "builder").string(3, "default")
        .message(11, new ProtobufWriter().string(1, "team").string(2, "a"))
        .message(12, new ProtobufWriter().string(1, "note").string(2, "by hand"))
        .varint(7, 0);

    HttpResponse<String> created = send("POST", "/api/v1/namespaces/default/serviceaccounts", PROTOBUF,
        ProtobufWriter.envelope("v1", "ServiceAccount", new ProtobufWriter().message(1, meta)));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var sa = sandbox.kubernetesClient().serviceAccounts().inNamespace("default").withName("builder").get();
    assertThat(sa.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(sa.getMetadata().getAnnotations()).containsEntry("note", "by hand");
  }

  private String tokenPath(String serviceAccount) {
    return "/api/v1/namespaces/" + sandbox.hostNamespaces().get(0) + "/serviceaccounts/" + serviceAccount
        + "/token?timeout=20s";
  }

  private Map<String, Object> verifiedClaims(HttpResponse<String> answer) throws Exception {
    JWSObject jws = JWSObject.parse(json(answer).at("/status/token").asText());
    assertThat(jws.verify(new RSASSAVerifier(sandbox.issuer().publicKey()))).isTrue();
    return jws.getPayload().toJSONObject();
  }

  @Test
  void aProtobufTokenRequestAsKubectlCreateTokenSendsItIsAnsweredWithASignedTokenForItsAudienceAndExpiry()
      throws Exception {
    byte[] request = ProtobufWriter.envelope("authentication.k8s.io/v1", "TokenRequest", new ProtobufWriter()
        .message(1, new ProtobufWriter())
        .message(2, new ProtobufWriter().string(1, "pods.eks.amazonaws.com").varint(4, 900)));

    HttpResponse<String> answer = send("POST", tokenPath("vector"), PROTOBUF, request);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(json(answer).get("kind").asText()).isEqualTo("TokenRequest");
    Map<String, Object> claims = verifiedClaims(answer);
    assertThat(claims).containsEntry("aud", List.of("pods.eks.amazonaws.com")).containsEntry("iss",
        sandbox.oidcIssuer());
    assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);
    assertThat(Instant.parse(json(answer).at("/status/expirationTimestamp").asText()))
        .isEqualTo(Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()));
  }

  @Test
  void aJsonTokenRequestWithoutAudienceOrExpiryGetsTheApiServersDefaults() throws Exception {
    HttpResponse<String> answer = send("POST", tokenPath("vector"), "application/json",
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    Map<String, Object> claims = verifiedClaims(answer);
    assertThat(claims).containsEntry("aud", List.of(KubectlRequests.API_SERVER_AUDIENCE));
    assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(3600);
  }

  @Test
  void aTokenRequestForAMissingServiceAccountIsNotFoundAndOneUnderTenMinutesIsInvalid() throws Exception {
    HttpResponse<String> missing = send("POST", tokenPath("nobody"), "application/json",
        "{\"kind\":\"TokenRequest\",\"spec\":{\"audiences\":[\"sts.amazonaws.com\"]}}");
    HttpResponse<String> tooShort = send("POST", tokenPath("vector"), "application/json",
        "{\"kind\":\"TokenRequest\",\"spec\":{\"expirationSeconds\":300}}");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("message").asText()).isEqualTo("serviceaccounts \"nobody\" not found");
    assertThat(tooShort.statusCode()).isEqualTo(422);
    assertThat(json(tooShort).get("reason").asText()).isEqualTo("Invalid");
    assertThat(json(tooShort).get("message").asText()).contains("may not specify a duration less than 10 minutes");
  }

  @Test
  void aProtobufObjectOfAKindTheSandboxCannotReadIsRefusedWith415() throws Exception {
    byte[] deployment = ProtobufWriter.envelope("apps/v1", "Deployment",
        new ProtobufWriter().message(1, new ProtobufWriter().string(1, "web")));

    HttpResponse<String> refused = send("POST", "/apis/apps/v1/namespaces/default/deployments", PROTOBUF, deployment);

    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(json(refused).get("reason").asText()).isEqualTo("UnsupportedMediaType");
    assertThat(json(refused).get("message").asText()).contains("kubectl create -f");
  }

  @Test
  void creatingAnExistingObjectIsAlreadyExistsAndAMissingOneIsNotFoundEachNamingIt() throws Exception {
    HttpResponse<String> again = send("POST", "/api/v1/namespaces", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}");
    HttpResponse<String> missing = send("GET", "/apis/spaces.upbound.io/v1beta1/namespaces/default/controlplanes/nope",
        null, (String) null);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("reason").asText()).isEqualTo("AlreadyExists");
    assertThat(json(again).get("message").asText()).isEqualTo("namespaces \"default\" already exists");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("message").asText()).isEqualTo("controlplanes \"nope\" not found");
  }

  @Test
  void serverSideDryRunsAnswerWhatTheWriteWouldAndStoreNothing() throws Exception {
    HttpResponse<String> create = send("POST", "/api/v1/namespaces?dryRun=All&fieldManager=kubectl-create",
        PROTOBUF, KUBECTL_CREATE_NS_FOO);
    // kubectl delete --dry-run=server says so in the DeleteOptions body, not in the query.
    HttpResponse<String> delete = send("DELETE", "/api/v1/namespaces/default", "application/json",
        "{\"propagationPolicy\":\"Background\",\"dryRun\":[\"All\"]}");
    HttpResponse<String> patch = send("PATCH", "/api/v1/namespaces/default?dryRun=All",
        "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}");

    assertThat(create.statusCode()).isEqualTo(201);
    assertThat(namespace("foo")).isNull();
    assertThat(delete.statusCode()).isEqualTo(200);
    assertThat(patch.statusCode()).isEqualTo(200);
    assertThat(json(patch).at("/metadata/labels/team").asText()).isEqualTo("a");
    assertThat(namespace("default")).isNotNull();
    assertThat(namespace("default").getMetadata().getLabels()).doesNotContainKey("team");
  }

  @Test
  void aStrategicMergePatchIsAppliedAsAMergePatchWithoutItsDirectives() throws Exception {
    HttpResponse<String> patched = send("PATCH", "/api/v1/namespaces/default?fieldManager=kubectl-client-side-apply",
        "application/strategic-merge-patch+json",
        "{\"metadata\":{\"labels\":{\"team\":\"b\"},\"$setElementOrder/finalizers\":[]}}");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(namespace("default").getMetadata().getLabels()).containsEntry("team", "b");
  }

  @Test
  void describesTheApiSoThatKubectlValidatesOnTheServerInsteadOfFetchingOpenApiV2() throws Exception {
    JsonNode root = json(send("GET", "/openapi/v3?timeout=32s", null, (String) null));
    String core = root.at("/paths/api~1v1/serverRelativeURL").asText();
    JsonNode coreDoc = json(send("GET", core + "&timeout=32s", null, (String) null));
    JsonNode patchNamespace = coreDoc.at("/paths/~1api~1v1~1namespaces~1{name}/patch");
    String spaces = root.at("/paths/apis~1spaces.upbound.io~1v1beta1/serverRelativeURL").asText();
    JsonNode spacesDoc = json(send("GET", spaces, null, (String) null));

    assertThat(patchNamespace.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Namespace");
    assertThat(patchNamespace.get("parameters")).anySatisfy(p -> {
      assertThat(p.get("name").asText()).isEqualTo("fieldValidation");
      assertThat(p.get("in").asText()).isEqualTo("query");
    });
    assertThat(spacesDoc.at("/paths/~1apis~1spaces.upbound.io~1v1beta1~1namespaces~1{namespace}~1controlplanes~1{name}"
        + "/patch/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("ControlPlane");
    assertThat(send("GET", "/openapi/v2?timeout=32s", null, (String) null).statusCode()).isEqualTo(404);
    assertThat(json(send("GET", "/version?timeout=5s", null, (String) null)).get("gitVersion").asText())
        .startsWith("v1.32");
  }
}
