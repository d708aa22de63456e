package dev.billingidentity.examples.sandbox;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;

/**
 * Answers as the dispatcher it wraps, each answer delayed by a latency that can be changed at any time: a timer on
 * the response, not a blocked server thread, so concurrent requests overlap as on a real API server. For a sandbox
 * that stands in for a distant API server (the scenario benchmark's 20 ms per request).
 */
final class LatencyDispatcher extends Dispatcher {
  private final Dispatcher answers;
  private volatile Duration latency = Duration.ZERO;

  LatencyDispatcher(Dispatcher answers) {
    this.answers = answers;
  }

  void latency(Duration latency) {
    this.latency = latency;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = answers.dispatch(request);
    return latency.isZero() ? response : response.setBodyDelay(latency);
  }

  @Override
  public void shutdown() {
    answers.shutdown();
  }
}
