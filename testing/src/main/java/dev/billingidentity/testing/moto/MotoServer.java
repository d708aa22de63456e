package dev.billingidentity.testing.moto;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto's server (moto 5.2.1), an independent AWS emulator, on a free loopback port: a second peer for the SDK
 * adapters besides our own fake server, so that both cannot share one misreading of AWS. It emulates IAM, STS and
 * EKS clusters; it has no Pod Identity, no add-ons and no trust policy quota.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start()) { ... moto.endpoint() ... }
 * }</pre>
 */
public final class MotoServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts {@code moto_server} (found through {@code MOTO_SERVER} or the {@code PATH}) and waits until it answers.
   *
   * @throws IllegalStateException when moto is not installed or does not answer within 30 s
   */
  public static MotoServer start() {
    String executable = find();
    int port = freePort();
    try {
      Path log = Files.createTempFile("moto-server", ".log");
      Process process = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      awaitAnswer(process, endpoint, log);
      return new MotoServer(process, endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("moto_server could not be started", e);
    }
  }

  /** Where moto answers every service: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Stops moto and its children. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  private static String find() {
    String configured = System.getenv("MOTO_SERVER");
    if (configured != null && new File(configured).canExecute()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "moto_server");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new IllegalStateException("moto_server not found on the PATH (or in MOTO_SERVER): install moto's server, "
        + "e.g. pip install 'moto[server]==5.2.1'");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void awaitAnswer(Process process, URI endpoint, Path log) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto_server exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(1000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    process.destroy();
    throw new IllegalStateException("moto_server did not answer at " + endpoint + " within 30 s");
  }
}
