package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Before the CLI's JVM exits, the JDK HTTP client's selector thread, which the JVM's exit would wait 300 ms for (it
 * sits in native code), is stopped; threads of other names are left alone.
 */
class QuickExitTest {
  private HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void theHttpClientsSelectorThreadEndsAndOtherThreadsRun() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).isEqualTo("ok");
    assertThat(selectors()).as("the client's selector thread, in epoll_wait").isNotEmpty();
    CountDownLatch done = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "HttpClient-worker-elsewhere");
    other.start();

    QuickExit.stopHttpClientSelectors();

    assertThat(selectors()).isEmpty();
    assertThat(other.isAlive()).as("a thread of another name is not interrupted").isTrue();
    assertThat(other.isInterrupted()).isFalse();
    done.countDown();
    other.join();
  }

  private static List<Thread> selectors() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> QuickExit.HTTP_CLIENT_SELECTOR.matcher(t.getName()).matches())
        .filter(Thread::isAlive)
        .toList();
  }
}
