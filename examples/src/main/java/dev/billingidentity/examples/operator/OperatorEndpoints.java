package dev.billingidentity.examples.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints (the JDK's HTTP server, no framework): {@code /metrics} (Prometheus text format),
 * {@code /healthz} (200 while the operator runs: the liveness probe) and {@code /readyz} (200 once it has reached the
 * API server: the readiness probe; a stand-by replica is ready too, so that a rollout of the Deployment proceeds).
 * They tell nothing secret: counts, operation names, and whether this replica leads.
 */
final class OperatorEndpoints implements AutoCloseable {
  private final HttpServer server;

  private OperatorEndpoints(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on {@code port} (0 for a free one) of every interface, as a pod's probes need.
   *
   * @param bindAddress the address to bind, e.g. {@code 0.0.0.0} in a pod or {@code 127.0.0.1} on a laptop
   */
  static OperatorEndpoints start(String bindAddress, int port, Supplier<String> metrics, BooleanSupplier live,
      BooleanSupplier ready) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
    server.createContext("/metrics", exchange -> answer(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext("/healthz", exchange -> probe(exchange, live.getAsBoolean()));
    server.createContext("/readyz", exchange -> probe(exchange, ready.getAsBoolean()));
    server.createContext("/", exchange -> answer(exchange, 404, "text/plain; charset=utf-8",
        "not found: /metrics, /healthz, /readyz\n"));
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "billing-identity-endpoints");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new OperatorEndpoints(server);
  }

  /** {@code http://host:port}. */
  URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return URI.create("http://" + host + ":" + a.getPort());
  }

  private static void probe(HttpExchange exchange, boolean ok) throws IOException {
    answer(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
  }

  private static void answer(HttpExchange exchange, int code, String type, String body) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(code, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
      if (!"HEAD".equals(exchange.getRequestMethod())) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
