package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.server.FakeAwsServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeAwsServer} over a fresh {@link InMemoryAws}, and the real SDK adapters pointed at it, for the tests of
 * one class: {@code @RegisterExtension static final FakeAwsEndpoint aws = new FakeAwsEndpoint();}.
 */
final class FakeAwsEndpoint implements BeforeAllCallback, AfterAllCallback {
  private InMemoryAws fake;
  private FakeAwsServer server;
  private AwsAdapters adapters;

  @Override
  public void beforeAll(ExtensionContext context) {
    fake = new InMemoryAws();
    server = FakeAwsServer.start(fake);
    adapters = AwsAdapters.builder()
        .region("us-east-1")
        .endpointOverride(server.endpoint())
        .credentialsProvider(AwsWire.FAKE_CREDENTIALS)
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .build();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    adapters.close();
    server.close();
  }

  /** The state behind the server: seed it, inspect it, inject faults. */
  InMemoryAws fake() {
    return fake;
  }

  /** The SDK adapters, talking HTTP to the fake. */
  AwsBackend backend() {
    return adapters.backend();
  }

  AwsCallCounter calls() {
    return adapters.calls();
  }
}
