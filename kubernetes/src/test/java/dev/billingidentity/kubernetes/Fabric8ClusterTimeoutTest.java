package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterApiException.Reason;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.server.SlowDripServer;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of the port ends within its timeout, even against an API server that sends its headers and then a
 * byte a second (which fabric8's own request timeout does not bound), and says which server and which timeout.
 */
class Fabric8ClusterTimeoutTest {
  @TempDir Path dir;
  private SlowDripServer slow;

  @BeforeEach
  void start() {
    slow = SlowDripServer.start();
  }

  @AfterEach
  void stop() {
    slow.close();
  }

  private Path kubeconfig(String server) throws Exception {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: slow
          cluster:
            server: %s
        users:
        - name: slow
          user:
            token: t
        contexts:
        - name: slow
          context:
            cluster: slow
            user: slow
        current-context: slow
        """.formatted(server));
  }

  @Test
  void aStalledApiServerFailsEachCallWithinItsTimeoutNamingTheServerAndTheTimeout() throws Exception {
    WorkloadRef vector = new WorkloadRef(dev.billingidentity.spi.cluster.WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector");
    try (Fabric8Cluster cluster = Fabric8Cluster.fromKubeconfig(kubeconfig(slow.uri().toString()),
        Duration.ofSeconds(2))) {
      assertTimesOutWithin(Duration.ofSeconds(8), () -> cluster.discoverControlPlanes(ControlPlaneQuery.all()), "2s");
      assertTimesOutWithin(Duration.ofSeconds(8), () -> cluster.observe(Set.of("mxp-a-system"), "vector"), "2s");
      assertTimesOutWithin(Duration.ofSeconds(8), () -> cluster.restart(vector, Instant.now()), "2s");
      // A rollout wait gets its own timeout on top of the call's; here its first read stalls, and ends 2s after its
      // headers came.
      assertTimesOutWithin(Duration.ofSeconds(9), () -> cluster.awaitRollout(vector, Duration.ofSeconds(1)),
          "2s of its headers");
    }
    assertThat(slow.requests()).as("the server was asked").isGreaterThanOrEqualTo(4);
  }

  @Test
  void aCallThatTimedOutLeavesNoRequestRunning() throws Exception {
    try (Fabric8Cluster cluster = Fabric8Cluster.fromKubeconfig(kubeconfig(slow.uri().toString()),
        Duration.ofSeconds(1))) {
      // Four lists at once, then the call gives up on all of them.
      assertThatThrownBy(() -> cluster.observe(Set.of("mxp-a-system"), "vector"))
          .isInstanceOf(ClusterApiException.class);
      assertThat(slow.requests()).isEqualTo(4);
      // Each abandoned answer is cancelled, its connection closed, so no thread stays blocked on it.
      awaitDripping(0);
    }
  }

  private void assertTimesOutWithin(Duration bound, ThrowingCallable call, String timeout) {
    long started = System.nanoTime();
    assertThatThrownBy(call).isInstanceOfSatisfying(ClusterApiException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
        .hasMessageContaining(slow.uri().toString())
        .hasMessageContaining("within " + timeout);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound);
  }

  @Test
  void aWatchIsAStreamAndIsNotCancelledButAnyOtherStalledBodyIs() throws Exception {
    try (Fabric8Cluster cluster = Fabric8Cluster.fromKubeconfig(kubeconfig(slow.uri().toString()),
        Duration.ofSeconds(1))) {
      HttpClient http = cluster.client().getHttpClient();
      for (String path : List.of("/api/v1/namespaces?watch=true", "/api/v1/namespaces")) {
        http.consumeBytes(http.newHttpRequestBuilder().uri(slow.uri() + path).build(), (chunk, body) -> body.consume())
            .thenAccept(response -> response.body().consume());
      }
      awaitDripping(2);
      // The list is cancelled a second after its headers (the server sees it on a write soon after)...
      awaitDripping(1);
      // ...and the watch is not: it is still being received well past that.
      Thread.sleep(3000);
      assertThat(slow.dripping()).as("the watch's stream").isEqualTo(1);
    }
  }

  private void awaitDripping(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (slow.dripping() != n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(slow.dripping()).isEqualTo(n);
  }

  @Test
  void everyWayOfMakingTheAdapterHasABoundedTimeout() throws Exception {
    Path file = kubeconfig(slow.uri().toString());
    assertThat(Fabric8Cluster.DEFAULT_TIMEOUT).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
    try (Fabric8Cluster byFile = Fabric8Cluster.fromKubeconfig(file);
        Fabric8Cluster shorter = Fabric8Cluster.fromKubeconfig(file, Duration.ofSeconds(5));
        Fabric8Cluster passedIn = new Fabric8Cluster(byFile.client())) {
      assertThat(byFile.timeout()).isEqualTo(Fabric8Cluster.DEFAULT_TIMEOUT);
      assertThat(passedIn.timeout()).isEqualTo(Fabric8Cluster.DEFAULT_TIMEOUT);
      assertThat(shorter.timeout()).isEqualTo(Duration.ofSeconds(5));
      // fabric8's own connection and request timeouts are capped at the call's.
      assertThat(shorter.client().getConfiguration().getRequestTimeout()).isEqualTo(5000);
      assertThat(shorter.client().getConfiguration().getConnectionTimeout()).isEqualTo(5000);
      assertThat(byFile.client().getConfiguration().getRequestTimeout()).isPositive().isLessThanOrEqualTo(60_000);
    }
    assertThatThrownBy(() -> Fabric8Cluster.fromKubeconfig(file, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }
}
