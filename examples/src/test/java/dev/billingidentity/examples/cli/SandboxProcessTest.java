package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.examples.sandbox.Sandbox;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code billing-identity sandbox} driven by another process, as a user's shell or CI job drives it: the sandbox runs
 * in its own JVM; this JVM reads the endpoints it prints, applies through the CLI (real adapters, its kubeconfig),
 * plays {@code helm upgrade} through its admin endpoint, restarts, verifies, and stops it with a SIGTERM.
 */
class SandboxProcessTest {
  private static final String[] IRSA = {"--mode", "irsa", "--cluster", Sandbox.CLUSTER, "--role-name",
      "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};

  @TempDir Path dir;
  private Process process;
  private Path log;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private void startSandbox(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BillingIdentityCli.class.getName(), "sandbox"));
    command.addAll(List.of(args));
    // To a file, not a pipe: a pipe's last lines can be lost when the process exits while they are read.
    log = dir.resolve("sandbox.log");
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The sandbox's output so far, a line an element. */
  private List<String> output() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  /** Waits until the sandbox printed a line starting with {@code prefix}, or the timeout passed. */
  private boolean awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (output().stream().anyMatch(l -> l.startsWith(prefix))) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private String printed(String label) throws IOException {
    Pattern p = Pattern.compile("^\\s*" + Pattern.quote(label) + ":\\s+(\\S+)$");
    List<String> lines = output();
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new AssertionError("the sandbox printed no '" + label + "' line: " + lines);
  }

  @Test
  void anotherProcessAppliesAgainstItAndItStopsCleanlyOnSigterm() throws Exception {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    startSandbox("--control-planes", "2", "--kubeconfig-out", kubeconfig.toString());
    assertThat(awaitLine("sandbox ready", Duration.ofSeconds(60))).as("sandbox ready in time; printed %s", output())
        .isTrue();
    String awsEndpoint = printed("aws endpoint");
    String admin = printed("admin endpoint");
    String kubernetes = printed("kubernetes api");
    assertThat(printed("kubeconfig")).isEqualTo(kubeconfig.toAbsolutePath().toString());
    assertThat(output()).contains("  export AWS_ENDPOINT_URL=" + awsEndpoint);
    // What `export AWS_ACCESS_KEY_ID=...` gives the SDK's default chain in a shell.
    System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", Sandbox.SECRET_ACCESS_KEY);

    CliRun apply = CliRun.of(SandboxCli.connect(awsEndpoint, kubeconfig, "apply", CliRun.concat(IRSA, "--yes")));
    CliRun values = CliRun.of(CliRun.concat(new String[] {"helm-values", "--account-id", Sandbox.ACCOUNT_ID}, IRSA));
    HttpResponse<String> helm = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(admin + "/helm-values")).POST(HttpRequest.BodyPublishers.ofString(values.out())).build(),
        HttpResponse.BodyHandlers.ofString());
    CliRun restart = CliRun.of(SandboxCli.connect(awsEndpoint, kubeconfig, "restart", IRSA));
    CliRun verify = CliRun.of(SandboxCli.connect(awsEndpoint, kubeconfig, "verify",
        CliRun.concat(IRSA, "--detailed-exitcode")));

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("+ create role spaces-billing");
    assertThat(helm.statusCode()).as(helm.body()).isEqualTo(200);
    assertThat(restart.out()).contains("restart deployment/vector");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("healthy");

    process.destroy(); // SIGTERM, as Ctrl-C or a CI job's cleanup sends

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped in time").isTrue();
    assertThat(output()).contains("sandbox stopped");
    for (String endpoint : List.of(awsEndpoint, admin, kubernetes)) {
      URI uri = URI.create(endpoint);
      assertThatThrownBy(() -> new Socket(uri.getHost(), uri.getPort()).close()).as(endpoint)
          .isInstanceOf(ConnectException.class);
    }
    assertThat(kubeconfig).as("the kubeconfig naming a dead port is removed").doesNotExist();
  }

  @Test
  void invalidOptionsAreReportedWithExit3AndNothingStarts() throws Exception {
    Path kubeconfig = dir.resolve("never.kubeconfig");
    startSandbox("--control-planes", "-2", "--aws-port", "70000", "--kubeconfig-out", kubeconfig.toString());

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(String.join("\n", output())).contains("--control-planes", "-2", "--aws-port", "70000")
        .doesNotContain("sandbox ready");
    assertThat(kubeconfig).doesNotExist();
  }

  @Test
  void aPortInUseIsAFailureToStartWithExit1AndTheProcessEnds() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      startSandbox("--kube-port", String.valueOf(busy.getLocalPort()), "--kubeconfig-out",
          dir.resolve("k").toString());

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ends, no thread left running: %s", output()).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(String.join("\n", output())).contains("error: the sandbox could not start")
          .contains(String.valueOf(busy.getLocalPort()));
    }
  }
}
