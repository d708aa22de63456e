package dev.billingidentity.examples.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.validation.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's admin endpoint on loopback, so that another process (a shell, a test, the operator example) can
 * play the Space's parts: {@code POST /helm-values} with the {@code --set} flags of
 * {@code billing-identity helm-values} (what {@code helm upgrade} would apply); {@code POST /control-planes?group=G}
 * to provision a control plane; {@code DELETE /control-planes/<host namespace>} to delete one; {@code GET
 * /control-planes} for the host namespaces, one a line; {@code GET /aws-calls} for the requests the fake AWS accepted
 * and throttled, one service a line ({@code EKS calls=120 accepted=100 throttled=20}), and {@code DELETE /aws-calls}
 * to count from zero again (before a benchmark's run, say).
 */
final class SandboxAdmin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxAdmin.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private SandboxAdmin(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static SandboxAdmin start(SandboxSpace space, InMemoryAws aws, int port) {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sandbox-admin");
      t.setDaemon(true);
      return t;
    });
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.setExecutor(executor);
      server.createContext("/helm-values", exchange -> handle(exchange, () -> {
        requireExactPath(exchange, "/helm-values");
        requireMethod(exchange, "POST");
        HelmValues values = HelmSetFlags.parse(new String(exchange.getRequestBody().readAllBytes(),
            StandardCharsets.UTF_8));
        space.applyHelmValues(values);
        return new Answer(200, "applied to " + space.hostNamespaces().size() + " control planes; role-ARN annotation: "
            + values.roleArnAnnotation().orElse("none") + "\n");
      }));
      server.createContext("/control-planes", exchange -> handle(exchange, () -> {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/control-planes") && !path.startsWith("/control-planes/")) {
          throw new NotFound(path);
        }
        String rest = path.substring("/control-planes".length()).replaceFirst("^/", "");
        if (rest.contains("/")) {
          throw new NotFound(path);
        }
        switch (exchange.getRequestMethod()) {
          case "GET" -> {
            requireExactPath(exchange, "/control-planes");
            return new Answer(200, String.join("\n", space.hostNamespaces()) + "\n");
          }
          case "POST" -> {
            requireExactPath(exchange, "/control-planes");
            String group = queryParameter(exchange.getRequestURI(), "group", "default");
            return new Answer(201, space.addControlPlane(group) + "\n");
          }
          case "DELETE" -> {
            if (rest.isEmpty()) {
              return new Answer(400, "DELETE /control-planes/<host namespace>\n");
            }
            if (!space.hostNamespaces().contains(rest)) {
              return new Answer(404, "no control plane has the host namespace " + rest + "\n");
            }
            space.removeControlPlane(rest);
            return new Answer(200, "deleted " + rest + "\n");
          }
          default -> {
            return new Answer(405, "GET, POST or DELETE\n");
          }
        }
      }));
      server.createContext("/aws-calls", exchange -> handle(exchange, () -> {
        requireExactPath(exchange, "/aws-calls");
        switch (exchange.getRequestMethod()) {
          case "GET" -> {
            return new Answer(200, awsCalls(aws.callsByService()));
          }
          case "DELETE" -> {
            aws.calls().reset();
            return new Answer(200, "AWS call counts reset\n");
          }
          default -> {
            return new Answer(405, "GET or DELETE\n");
          }
        }
      }));
      server.start();
      return new SandboxAdmin(server, executor);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot start the sandbox's admin endpoint on port " + port + ": " + e, e);
    }
  }

  /** One service a line, sorted: {@code EKS calls=120 accepted=100 throttled=20}; a service not called is absent. */
  static String awsCalls(Map<String, CallCounts> byService) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(byService).forEach((service, n) -> out.append(service.replace(' ', '-')).append(" calls=").append(n.calls())
        .append(" accepted=").append(n.accepted()).append(" throttled=").append(n.throttled()).append('\n'));
    return out.toString();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    // HttpServer.stop leaves an executor it was given running.
    executor.shutdownNow();
  }

  private record Answer(int status, String body) {}

  private interface Handler {
    Answer handle() throws IOException;
  }

  private static void handle(HttpExchange exchange, Handler handler) throws IOException {
    Answer answer;
    try {
      answer = handler.handle();
    } catch (NotFound e) {
      answer = new Answer(404, "no such endpoint: " + e.getMessage() + "\n");
    } catch (IllegalArgumentException | InvalidInputException e) {
      answer = new Answer(e instanceof MethodNotAllowed ? 405 : 400, e.getMessage() + "\n");
    } catch (RuntimeException e) {
      LOG.warn("sandbox admin: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      answer = new Answer(500, e + "\n");
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equals(method)) {
      throw new MethodNotAllowed(exchange.getRequestURI().getPath() + " takes " + method);
    }
  }

  /** Contexts match by prefix: {@code /helm-valuesXYZ} must not reach the Helm handler. */
  private static void requireExactPath(HttpExchange exchange, String path) {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      throw new NotFound(exchange.getRequestURI().getPath());
    }
  }

  private static String queryParameter(URI uri, String name, String otherwise) {
    if (uri.getRawQuery() == null) {
      return otherwise;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2 && kv[0].equals(name)) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    return otherwise;
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String path) {
      super(path);
    }
  }

  private static final class MethodNotAllowed extends IllegalArgumentException {
    MethodNotAllowed(String message) {
      super(message);
    }
  }
}
