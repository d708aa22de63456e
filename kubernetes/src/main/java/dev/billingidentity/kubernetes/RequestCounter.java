package dev.billingidentity.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the HTTP requests a fabric8 client sends to the API server, retries included: the figure to hold against
 * the API server's rate limits (API priority and fairness), which port calls alone do not give, since one
 * observation is several lists.
 */
final class RequestCounter implements Interceptor {
  private static final String NAME = "billing-identity-request-counter";
  private final AtomicLong requests = new AtomicLong();

  /** A client builder whose clients count their requests here. */
  KubernetesClientBuilder install(KubernetesClientBuilder builder) {
    return builder.withHttpClientBuilderConsumer(this::installOn);
  }

  /** Counts the requests of the clients {@code http} builds (for a builder consumer that does more than this). */
  void installOn(HttpClient.Builder http) {
    http.addOrReplaceInterceptor(NAME, this);
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    requests.incrementAndGet();
  }

  long requests() {
    return requests.get();
  }
}
