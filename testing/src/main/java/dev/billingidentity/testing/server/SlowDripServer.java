package dev.billingidentity.testing.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers every request with a 200 and its headers at once, then the body one byte a
 * second, forever: the endpoint whose calls no per-read timeout ever ends. For tests of call time limits (AWS or
 * Kubernetes clients pointed at {@link #uri()}); it stops dripping when the client closes the connection.
 */
public final class SlowDripServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger dripping = new AtomicInteger();

  private SlowDripServer(ServerSocket server) {
    this.server = server;
    Thread accept = new Thread(this::acceptLoop, "slow-drip-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Starts a server on a free loopback port. */
  public static SlowDripServer start() {
    try {
      return new SlowDripServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The requests whose headers it read. */
  public int requests() {
    return requests.get();
  }

  /** The answers still being sent: their clients have not closed the connection (a write would fail then). */
  public int dripping() {
    return dripping.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.add(s);
        Thread t = new Thread(() -> drip(s), "slow-drip");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void drip(Socket s) {
    try (s) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // the request's head; its body, if any, is never read
      }
      requests.incrementAndGet();
      dripping.incrementAndGet();
      try {
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        while (!s.isClosed()) {
          out.write(' ');
          out.flush();
          Thread.sleep(1000);
        }
      } finally {
        dripping.decrementAndGet();
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up: what this server is for
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
    connections.forEach(c -> {
      try {
        c.close();
      } catch (IOException e) {
        // closing
      }
    });
  }
}
