package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.testing.server.SlowDripServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that sends its headers and then a byte a second (AWS, then the Kubernetes API) makes {@code plan} fail
 * within {@code --timeout}, with one line that names the endpoint and the timeout, not a stack trace; without
 * {@code --timeout} every call is bounded by the adapters' defaults.
 */
class SlowEndpointTest {
  private static final String[] IRSA = {"--mode", "irsa", "--cluster", Sandbox.CLUSTER, "--role-name",
      "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};

  @TempDir Path dir;
  private SandboxCli sandbox;
  private SlowDripServer slow;

  @BeforeEach
  void start() {
    sandbox = SandboxCli.start(1, dir);
    slow = SlowDripServer.start();
  }

  @AfterEach
  void stop() {
    slow.close();
    sandbox.close();
  }

  @Test
  void planAgainstAStalledAwsEndpointFailsWithinTheTimeoutNamingTheEndpoint() {
    long started = System.nanoTime();
    CliRun run = CliRun.of(SandboxCli.connect(slow.uri().toString(), sandbox.kubeconfig, "plan",
        CliRun.concat(IRSA, "--timeout", "2s")));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertFailedOnTimeout(run);
    assertThat(slow.requests()).isPositive();
  }

  @Test
  void planAgainstAStalledKubernetesApiFailsWithinTheTimeoutNamingTheServer() throws Exception {
    Path stalled = Files.writeString(dir.resolve("stalled-kubeconfig"),
        Files.readString(sandbox.kubeconfig).replaceAll("server: \\S+", "server: " + slow.uri()));
    long started = System.nanoTime();
    CliRun run = CliRun.of(SandboxCli.connect(sandbox.sandbox.awsEndpoint().toString(), stalled, "plan",
        CliRun.concat(IRSA, "--timeout", "2s")));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertFailedOnTimeout(run);
    assertThat(run.err()).contains("Kubernetes API server");
    assertThat(slow.requests()).isPositive();
  }

  private void assertFailedOnTimeout(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("error: ").contains(slow.uri().toString()).contains("within 2s")
        .contains("--timeout").doesNotContain("\tat ").doesNotContain("Exception:");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2x", "0s", "500ms", "2h", "30", "-5s", "1s2m", ""})
  void aTimeoutThatIsNotADurationFrom1sTo1hIsInvalidInputAndNoCallIsMade(String timeout) {
    int kubernetesRequests = sandbox.sandbox.kubernetesRequests();

    CliRun run = sandbox.run("plan", CliRun.concat(IRSA, "--timeout", timeout));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--timeout").contains("\"" + timeout + "\"").contains("from 1s to 1h");
    assertThat(sandbox.sandbox.aws().calls().total()).isZero();
    assertThat(sandbox.sandbox.kubernetesRequests()).isEqualTo(kubernetesRequests);
  }

  @Test
  void durationsAreReadAsPeopleWriteThem() {
    assertThat(DurationOption.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(DurationOption.parse("2m")).contains(Duration.ofMinutes(2));
    assertThat(DurationOption.parse("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(DurationOption.parse("1h")).contains(Duration.ofHours(1));
    assertThat(DurationOption.parse("1s500ms")).contains(Duration.ofMillis(1500));
    assertThat(DurationOption.parse("PT30S")).isEmpty();
    assertThat(DurationOption.parse("30 s")).isEmpty();
    assertThat(DurationOption.parse("s")).isEmpty();
  }

  @Test
  void withoutTimeoutEveryCallIsBoundedByTheAdaptersDefaults() {
    ConnectionOptions connection = new ConnectionOptions();
    connection.awsEndpoint = slow.uri().toString();
    connection.kubeconfig = sandbox.kubeconfig.toString();
    try (DefaultBackends backends = new DefaultBackends()) {
      backends.aws(connection, "us-east-1");
      backends.cluster(connection);

      assertThat(backends.awsAdapters()).singleElement().satisfies(aws -> {
        assertThat(aws.timeouts().call()).isEqualTo(AwsAdapters.Builder.DEFAULT_API_CALL_TIMEOUT);
        assertThat(aws.timeouts().attempt()).isEqualTo(AwsAdapters.Builder.DEFAULT_API_CALL_ATTEMPT_TIMEOUT);
      });
      assertThat(backends.clusters()).singleElement()
          .satisfies(cluster -> assertThat(cluster.timeout()).isEqualTo(Fabric8Cluster.DEFAULT_TIMEOUT));
    }
    // A plan ends at its first failed read: one stalled call, AWS's or the cluster's, ends it within the default.
    assertThat(AwsAdapters.Builder.DEFAULT_API_CALL_TIMEOUT).isLessThan(Duration.ofSeconds(150));
    assertThat(Fabric8Cluster.DEFAULT_TIMEOUT).isLessThan(Duration.ofSeconds(150));
  }
}
