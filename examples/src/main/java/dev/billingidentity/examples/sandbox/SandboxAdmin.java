package dev.billingidentity.examples.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.billingidentity.helm.HelmValues;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's admin endpoint on loopback, so that another process (a shell, a test, the operator example) can
 * play the Space's parts: {@code POST /helm-values} with the {@code --set} flags of
 * {@code billing-identity helm-values} (what {@code helm upgrade} would apply); {@code POST /control-planes?group=G}
 * to provision a control plane; {@code DELETE /control-planes/<host namespace>} to delete one; {@code GET
 * /control-planes} for the host namespaces, one a line.
 */
final class SandboxAdmin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxAdmin.class);

  private final HttpServer server;

  private SandboxAdmin(HttpServer server) {
    this.server = server;
  }

  static SandboxAdmin start(SandboxSpace space, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.setExecutor(Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-admin");
        t.setDaemon(true);
        return t;
      }));
      server.createContext("/helm-values", exchange -> handle(exchange, () -> {
        requireMethod(exchange, "POST");
        HelmValues values = HelmSetFlags.parse(new String(exchange.getRequestBody().readAllBytes(),
            StandardCharsets.UTF_8));
        space.applyHelmValues(values);
        return new Answer(200, "applied to " + space.hostNamespaces().size() + " control planes; role-ARN annotation: "
            + values.roleArnAnnotation().orElse("none") + "\n");
      }));
      server.createContext("/control-planes", exchange -> handle(exchange, () -> {
        String path = exchange.getRequestURI().getPath();
        String rest = path.substring("/control-planes".length()).replaceFirst("^/", "");
        switch (exchange.getRequestMethod()) {
          case "GET" -> {
            return new Answer(200, String.join("\n", space.hostNamespaces()) + "\n");
          }
          case "POST" -> {
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
      server.start();
      return new SandboxAdmin(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox's admin endpoint on port " + port, e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private record Answer(int status, String body) {}

  private interface Handler {
    Answer handle() throws IOException;
  }

  private static void handle(HttpExchange exchange, Handler handler) throws IOException {
    Answer answer;
    try {
      answer = handler.handle();
    } catch (IllegalArgumentException e) {
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

  private static final class MethodNotAllowed extends IllegalArgumentException {
    MethodNotAllowed(String message) {
      super(message);
    }
  }
}
