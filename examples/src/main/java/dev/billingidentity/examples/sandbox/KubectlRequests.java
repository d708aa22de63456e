package dev.billingidentity.examples.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what kubectl asks of the sandbox's API server and fabric8's mock in CRUD mode does not answer, then lets the
 * mock answer the rest from its store:
 *
 * <ul>
 *   <li>the documents that describe the API ({@link SandboxDiscovery}), whatever query kubectl adds to their paths;
 *       {@code /openapi/v2}, which the sandbox does not have, is a 404 as on a server without it;</li>
 *   <li>protobuf bodies ({@code kubectl create namespace} and {@code serviceaccount}), which the mock would try to read
 *       as YAML: it then throws and never answers, and kubectl waits forever. The sandbox reads them as JSON
 *       ({@link KubernetesProtobuf}), or answers {@code 415} for kinds it cannot read;</li>
 *   <li>strategic merge patches ({@code kubectl apply} of a built-in kind), which the mock refuses with {@code 415}: the
 *       sandbox applies them as JSON merge patches, dropping their {@code $} directives, so lists are replaced whole
 *       rather than merged by key;</li>
 *   <li>server-side dry runs ({@code ?dryRun=All}), which the mock would write: the sandbox answers what the write would
 *       answer and stores nothing;</li>
 *   <li>the TokenRequest API ({@code kubectl create token}, {@code POST .../serviceaccounts/NAME/token}, protobuf or
 *       JSON), which the mock would refuse as the create of an object without metadata: the sandbox answers as the API
 *       server does, {@code 404} for a service account that does not exist, {@code 422} for an expiry under ten
 *       minutes, else a token signed by the sandbox's {@link ServiceAccountIssuer} (never logged);</li>
 *   <li>and any failure of the mock, as a {@code 500} {@code Status} instead of no answer.</li>
 * </ul>
 *
 * <p>The sandbox does not check fields ({@code fieldValidation} is accepted and ignored) and, like the mock, does not
 * delete what a deleted namespace held.
 */
final class KubectlRequests extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(KubectlRequests.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";

  /** {@code /api/v1/namespaces/NS/serviceaccounts/NAME/token}. */
  private static final Pattern TOKEN_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/]+)/token");
  /** The audience of a TokenRequest that names none: the API server's own, as EKS's. */
  static final String API_SERVER_AUDIENCE = "https://kubernetes.default.svc";
  /** The expiry of a TokenRequest that sets none, as the API server's default. */
  static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

  private final Dispatcher store;
  private final ServiceAccountIssuer issuer;
  private final Clock clock;

  KubectlRequests(Dispatcher store, ServiceAccountIssuer issuer, Clock clock) {
    this.store = store;
    this.issuer = issuer;
    this.clock = clock;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return answer(request);
    } catch (RuntimeException e) {
      LOG.warn("sandbox API server failed on {} {}", request.getMethod(), request.getPath(), e);
      return status(500, "InternalError", "the sandbox's API server failed on " + request.getMethod() + " "
          + pathOf(request) + ": " + e);
    }
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = pathOf(request);
    HttpMethod method = request.method();
    if (method == HttpMethod.GET) {
      Optional<String> document = SandboxDiscovery.document(path);
      if (document.isPresent()) {
        return json(200, document.get());
      }
      if (path.equals(SandboxDiscovery.OPENAPI_V2)) {
        return status(404, "NotFound", "the sandbox serves OpenAPI v3 (/openapi/v3), not v2");
      }
    }
    RecordedRequest readable = request;
    String contentType = contentType(request);
    if (contentType.equals(KubernetesProtobuf.CONTENT_TYPE)) {
      Optional<String> json = KubernetesProtobuf.toJson(request.getBody().getBytes());
      if (json.isEmpty()) {
        return status(415, "UnsupportedMediaType", "the sandbox reads protobuf bodies of v1 Namespaces and "
            + "ServiceAccounts and of TokenRequests only; send other objects as JSON (kubectl create -f FILE, "
            + "kubectl apply -f FILE)");
      }
      readable = withBody(request, "application/json", json.get());
    } else if (contentType.equals(STRATEGIC_MERGE_PATCH)) {
      readable = withBody(request, MERGE_PATCH, withoutDirectives(parse(bodyOf(request))).toString());
    }
    Matcher token = TOKEN_PATH.matcher(path);
    if (method == HttpMethod.POST && token.matches()) {
      return tokenRequest(token.group(1), token.group(2), parse(bodyOf(readable)));
    }
    if (isDryRun(readable)) {
      return dryRun(readable, path);
    }
    // The store consumes the body as it reads it: keep what the answer may need to name.
    String body = bodyOf(readable);
    return withJsonContentType(asApiServerAnswers(readable.method(), body, path, store.dispatch(readable)));
  }

  /**
   * The mock answers a create of an existing object with reason {@code Invalid} (kubectl prints {@code The Namespace ""
   * is invalid}), a missing object with no body and a patch with {@code 202}; an API server answers {@code
   * AlreadyExists} and {@code NotFound} naming the object, which is what kubectl prints, and {@code 200}.
   */
  private static MockResponse asApiServerAnswers(HttpMethod method, String body, String path,
      MockResponse response) {
    Optional<String[]> resource = pluralAndName(path);
    if (method == HttpMethod.POST && response.code() == 409) {
      String name = parse(body).path("metadata").path("name").asText("");
      String plural = path.substring(path.lastIndexOf('/') + 1);
      return status(409, "AlreadyExists", plural + " \"" + name + "\" already exists");
    }
    if (method == HttpMethod.PATCH && response.code() == 202) {
      return response.setResponseCode(200);
    }
    if (response.code() == 404 && (response.getBody() == null || response.getBody().size() == 0)
        && resource.isPresent()) {
      return status(404, "NotFound", resource.get()[0] + " \"" + resource.get()[1] + "\" not found");
    }
    return response;
  }

  /**
   * The plural and name of an object's path: {@code /api/v1/namespaces/NAME},
   * {@code /api/v1/[namespaces/NS/]PLURAL/NAME[/subresource]} or {@code /apis/GROUP/VERSION/[namespaces/NS/]PLURAL/NAME};
   * nothing for a list's path.
   */
  private static Optional<String[]> pluralAndName(String path) {
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int root = !segments.isEmpty() && segments.get(0).equals("api") ? 2 : 3;
    List<String> rest = segments.size() > root ? segments.subList(root, segments.size()) : List.of();
    if (rest.size() >= 4 && rest.get(0).equals("namespaces")) {
      return Optional.of(new String[] {rest.get(2), rest.get(3)});
    }
    if (rest.size() == 2 || rest.size() == 3 && !rest.get(0).equals("namespaces")) {
      return Optional.of(new String[] {rest.get(0), rest.get(1)});
    }
    return Optional.empty();
  }

  /** {@code ?dryRun=All}, or for a delete its {@code DeleteOptions} body's {@code "dryRun": ["All"]} (kubectl's way). */
  private static boolean isDryRun(RecordedRequest request) {
    if ("All".equals(query(request).get("dryRun"))) {
      return true;
    }
    if (request.method() != HttpMethod.DELETE || request.getBody() == null || request.getBody().size() == 0) {
      return false;
    }
    for (JsonNode value : parse(bodyOf(request)).path("dryRun")) {
      if ("All".equals(value.asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The mock's answers carry no content type; client-go then decodes them as what it sent, protobuf for {@code kubectl
   * create namespace}, and fails on the JSON. They are JSON (a watch's too), but a WebSocket upgrade has no body.
   */
  private static MockResponse withJsonContentType(MockResponse response) {
    if (response.getHeaders().get("Content-Type") == null && response.getWebSocketListener() == null
        && response.code() != 101) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  /**
   * What the write would answer, with nothing stored: a create answers the object unless one of its name exists, a
   * delete answers the object it would delete, a replace or a merge patch the object it would make.
   */
  private MockResponse dryRun(RecordedRequest request, String path) {
    HttpMethod method = request.method();
    if (method == HttpMethod.POST) {
      ObjectNode object = (ObjectNode) parse(bodyOf(request));
      ObjectNode metadata = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
      String name = metadata.path("name").asText("");
      if (name.isEmpty()) {
        return status(422, "Invalid", "metadata.name: Required value: the sandbox's dry run needs a name");
      }
      if (get(path + "/" + name).code() == 200) {
        return status(409, "AlreadyExists", path.substring(path.lastIndexOf('/') + 1) + " \"" + name
            + "\" already exists");
      }
      namespaceOf(path).ifPresent(ns -> metadata.put("namespace", ns));
      return json(201, object.toString());
    }
    MockResponse current = get(path);
    if (current.code() != 200 || method == HttpMethod.DELETE) {
      return current;
    }
    if (method == HttpMethod.PUT) {
      return json(200, bodyOf(request));
    }
    if (method == HttpMethod.PATCH && contentType(request).equals(MERGE_PATCH)) {
      JsonNode merged = mergePatch(parse(new String(current.getBody().getBytes(), StandardCharsets.UTF_8)), parse(bodyOf(request)));
      return json(200, merged.toString());
    }
    return status(400, "BadRequest", "the sandbox simulates dry runs of creates, deletes, replaces and merge patches "
        + "only, not " + method + " " + contentType(request) + "; run it without --dry-run=server");
  }

  /**
   * The API server's answer to a TokenRequest for {@code sa} in {@code ns}: the request back, with
   * {@code status.token} (signed by the sandbox's issuer for the first audience, or {@link #API_SERVER_AUDIENCE}) and
   * {@code status.expirationTimestamp}.
   */
  private MockResponse tokenRequest(String ns, String sa, JsonNode request) {
    MockResponse serviceAccount = get("/api/v1/namespaces/" + ns + "/serviceaccounts/" + sa);
    if (serviceAccount.code() != 200) {
      return serviceAccount;
    }
    JsonNode spec = request.path("spec");
    Duration expiry = spec.hasNonNull("expirationSeconds") ? Duration.ofSeconds(spec.get("expirationSeconds").asLong())
        : DEFAULT_EXPIRY;
    Optional<String> refusal = ServiceAccountIssuer.tokenRequestRefusal(expiry);
    if (refusal.isPresent()) {
      return status(422, "Invalid", "TokenRequest.authentication.k8s.io \"" + sa + "\" is invalid: " + refusal.get());
    }
    String audience = spec.path("audiences").path(0).asText(API_SERVER_AUDIENCE);
    String uid = parse(new String(serviceAccount.getBody().getBytes(), StandardCharsets.UTF_8))
        .path("metadata").path("uid").asText("");
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode answer = JSON.createObjectNode().put("apiVersion", "authentication.k8s.io/v1").put("kind",
        "TokenRequest");
    answer.putObject("metadata").put("name", sa).put("namespace", ns).put("creationTimestamp", now.toString());
    ObjectNode answerSpec = answer.putObject("spec");
    answerSpec.putArray("audiences").add(audience);
    answerSpec.put("expirationSeconds", expiry.toSeconds());
    answer.putObject("status").put("token", issuer.sign(ns, sa, uid, audience, now, expiry))
        .put("expirationTimestamp", now.plus(expiry).toString());
    return json(201, answer.toString());
  }

  private MockResponse get(String path) {
    RecordedRequest get = new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(),
        new Buffer());
    return withJsonContentType(asApiServerAnswers(HttpMethod.GET, "", path, store.dispatch(get)));
  }

  /** RFC 7386: objects merge member by member, {@code null} removes, anything else replaces. */
  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
    patch.properties().forEach(e -> {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.path(e.getKey()), e.getValue()));
      }
    });
    return result;
  }

  /** A strategic merge patch without its directives ({@code $patch}, {@code $setElementOrder/...}, ...). */
  private static JsonNode withoutDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> directives = object.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("$"))
          .toList();
      object.remove(directives);
      object.forEach(KubectlRequests::withoutDirectives);
    } else if (node.isArray()) {
      node.forEach(KubectlRequests::withoutDirectives);
    }
    return node;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code .../namespaces/NS/<plural>...}: NS; nothing for a cluster-scoped path. */
  private static Optional<String> namespaceOf(String path) {
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int i = segments.indexOf("namespaces");
    return i >= 0 && i + 2 < segments.size() ? Optional.of(segments.get(i + 1)) : Optional.empty();
  }

  private static RecordedRequest withBody(RecordedRequest request, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
        request.getHeaders().newBuilder().set("Content-Type", contentType)
            .set("Content-Length", String.valueOf(bytes.length)).build(), new Buffer(bytes));
  }

  /** The body as text, left in place for the store: {@code getUtf8Body()} would consume it. */
  private static String bodyOf(RecordedRequest request) {
    return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static String contentType(RecordedRequest request) {
    String value = request.getHeader("Content-Type");
    return value == null ? "" : value.split(";")[0].trim();
  }

  private static String pathOf(RecordedRequest request) {
    String target = request.getPath();
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  private static Map<String, String> query(RecordedRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    String target = request.getPath();
    int q = target.indexOf('?');
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  /** A Kubernetes {@code Status}: what kubectl prints as {@code Error from server (<reason>): <message>}. */
  private static MockResponse status(int code, String reason, String message) {
    return json(code, Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(code)
        .withReason(reason).withMessage(message).build()));
  }
}
