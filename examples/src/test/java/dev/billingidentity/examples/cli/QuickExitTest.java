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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Thread selector = selectorOf(client);
    assertThat(selector.isAlive()).as("the client's selector thread, in epoll_wait").isTrue();
    CountDownLatch done = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "HttpClient-worker-elsewhere");
    other.start();

    // Only this test's threads: other tests' clients in this JVM are left alone.
    QuickExit.stopHttpClientSelectors(List.of(selector, other));

    selector.join(QuickExit.WAIT.toMillis());
    assertThat(selector.isAlive()).isFalse();
    assertThat(other.isAlive()).as("a thread of another name is not interrupted").isTrue();
    assertThat(other.isInterrupted()).isFalse();
    done.countDown();
    other.join();
  }

  /** The selector thread of {@code client}: the JDK names it by the client's id, which the client's name ends with. */
  private static Thread selectorOf(HttpClient client) {
    Matcher id = Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
    assertThat(id.find()).as("the JDK client's name, %s, ends with its id", client).isTrue();
    String name = "HttpClient-" + id.group(1) + "-SelectorManager";
    assertThat(QuickExit.HTTP_CLIENT_SELECTOR.matcher(name).matches()).isTrue();
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }
}
