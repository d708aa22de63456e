package dev.billingidentity.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's mock server in CRUD mode does not answer the TokenRequest API: it takes
 * {@code POST .../serviceaccounts/NAME/token} for the create of an object and refuses it ({@code 422}, "metadata is
 * required"). This dispatcher answers it as the API server does, from the mock's own store: {@code 404} when the
 * service account does not exist, {@code 422} for an expiry under ten minutes, else the TokenRequest with a token
 * signed by {@code issuer} for the asked audience and expiry. Everything else goes to the CRUD store.
 */
final class TokenRequestDispatcher extends Dispatcher {
  private static final Pattern TOKEN_PATH =
      Pattern.compile("/api/v1/namespaces/([^/?]+)/serviceaccounts/([^/?]+)/token(\\?.*)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher store;
  private final ServiceAccountIssuer issuer;

  TokenRequestDispatcher(Dispatcher store, ServiceAccountIssuer issuer) {
    this.store = store;
    this.issuer = issuer;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher token = TOKEN_PATH.matcher(request.getPath());
    if (request.method() != HttpMethod.POST || !token.matches()) {
      return store.dispatch(request);
    }
    String ns = token.group(1);
    String sa = token.group(2);
    MockResponse serviceAccount = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET,
        "/api/v1/namespaces/" + ns + "/serviceaccounts/" + sa, Headers.builder().build(), new Buffer()));
    if (serviceAccount.code() != 200) {
      return status(404, "NotFound", "serviceaccounts \"" + sa + "\" not found");
    }
    JsonNode body = read(request.getBody().getBytes());
    Duration expiry = Duration.ofSeconds(body.path("spec").path("expirationSeconds").asLong(3600));
    Optional<String> refusal = ServiceAccountIssuer.tokenRequestRefusal(expiry);
    if (refusal.isPresent()) {
      return status(422, "Invalid", "TokenRequest.authentication.k8s.io \"" + sa + "\" is invalid: " + refusal.get());
    }
    String uid = read(serviceAccount.getBody().getBytes()).path("metadata").path("uid").asText("");
    String audience = body.path("spec").path("audiences").path(0).asText();
    Instant now = Instant.now();
    ObjectNode answer = (ObjectNode) body;
    answer.putObject("status").put("token", issuer.sign(ns, sa, uid, audience, now, expiry))
        .put("expirationTimestamp", now.plus(expiry).toString());
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(answer.toString());
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
            .withMessage(message).build()));
  }
}
