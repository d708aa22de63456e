package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Requests service-account tokens through the TokenRequest API, as {@code kubectl create token} does: one
 * {@code POST .../serviceaccounts/NAME/token} with the audience and the expiry, nothing bound.
 *
 * <p>The answer holds a credential: neither it nor the {@link TokenRequest} (whose {@code toString()} prints the token)
 * is ever logged or put into an exception message.
 */
final class ServiceAccountTokens {
  private final KubernetesClient client;

  ServiceAccountTokens(KubernetesClient client) {
    this.client = client;
  }

  String request(String namespace, String serviceAccount, String audience, Duration expiry) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(expiry, "expiry");
    String resource = "serviceaccount/" + serviceAccount + " -n " + namespace + " (token)";
    TokenRequest request = new TokenRequestBuilder()
        .withNewSpec().withAudiences(audience).withExpirationSeconds(expiry.toSeconds()).endSpec()
        .build();
    TokenRequest answer = ClusterErrors.call(resource, () -> client.serviceAccounts().inNamespace(namespace)
        .withName(serviceAccount).tokenRequest(request));
    String token = answer == null || answer.getStatus() == null ? null : answer.getStatus().getToken();
    if (token == null || token.isEmpty()) {
      throw new ClusterApiException(Reason.OTHER, resource, "the API server answered the TokenRequest without a token");
    }
    return token;
  }
}
