package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.testing.cluster.IdentityEnv;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code billing-identity operator} against a sandbox, as a person runs it: the CLI with {@code --kubeconfig} and
 * {@code --aws-endpoint}, the {@code BillingIdentity} created and read with the real kubectl. It converges and
 * reports {@code Ready=True}; a new control plane gets a pod with credentials within 5 s for at most 10 AWS calls;
 * {@code /healthz} answers 200; an interrupt stops it with exit code 0.
 */
class OperatorCommandTest {
  private static final int CONTROL_PLANES = 30;
  private static final Pattern ENDPOINTS = Pattern.compile("endpoints (http://[0-9.:]+)");

  @TempDir Path dir;

  @Test
  void convergesFromTheCliAndKeepsANewControlPlaneCheap() throws Exception {
    try (SandboxCli sandbox = SandboxCli.start(CONTROL_PLANES, dir)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      AtomicInteger exit = new AtomicInteger(-1);
      Thread operator = new Thread(() -> exit.set(BillingIdentityCli.run(new PrintWriter(out, true),
          new PrintWriter(err, true), SandboxCli.connect(sandbox.sandbox.awsEndpoint().toString(), sandbox.kubeconfig,
              "operator", "--lease-namespace", "default", "--metrics-port", "0", "--metrics-address", "127.0.0.1",
              "--identity", "cli-operator"))), "operator-cli");
      operator.start();
      await("the operator prints its endpoints", Duration.ofSeconds(30), () -> ENDPOINTS.matcher(out.toString()).find());
      Matcher m = ENDPOINTS.matcher(out.toString());
      assertThat(m.find()).isTrue();
      URI endpoints = URI.create(m.group(1));

      Path resource = dir.resolve("billing.yaml");
      Files.writeString(resource, """
          apiVersion: billingidentity.dev/v1alpha1
          kind: BillingIdentity
          metadata:
            name: billing
          spec:
            mode: pod-identity
            cluster: %s
            roleName: spaces-billing
            bucket: acme-billing
            region: %s
          """.formatted(Sandbox.CLUSTER, Sandbox.REGION));
      Run applied = kubectl(sandbox, "apply", "-f", resource.toString());
      assertThat(applied.exit()).as(applied.stderr()).isZero();
      assertThat(applied.stdout()).contains("billingidentity.billingidentity.dev/billing created");

      await("Ready=True, as kubectl reads it", Duration.ofSeconds(90), () -> "True".equals(readyStatus(sandbox)));
      assertThat(kubectl(sandbox, "get", "billingidentity", "billing", "-o", "jsonpath={.status.counts.healthy}")
          .stdout()).isEqualTo(String.valueOf(CONTROL_PLANES));

      Thread.sleep(500);
      sandbox.sandbox.aws().calls().reset();
      Instant before = Instant.now();
      String ns = sandbox.sandbox.addControlPlane("default");
      await("the new control plane's pod has credentials", Duration.ofSeconds(5), () -> sandbox.sandbox
          .kubernetesClient().pods().inNamespace(ns).list().getItems().stream()
          .anyMatch(p -> p.getSpec().getContainers().get(0).getEnv().stream()
              .anyMatch(e -> e.getName().equals(IdentityEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI))));
      assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
      assertThat(sandbox.sandbox.aws().calls().total()).as(sandbox.sandbox.aws().calls().toString())
          .isLessThanOrEqualTo(10);

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(endpoints.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      operator.interrupt();
      operator.join(30_000);
      assertThat(operator.isAlive()).isFalse();
      assertThat(exit).hasValue(ExitCodes.OK);
      assertThat(err.toString()).doesNotContain(Sandbox.SECRET_ACCESS_KEY);
    }
  }

  @Test
  void badOptionsAreInvalidInputNamingEachAndStartNothing() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = BillingIdentityCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "operator",
        "--lease-namespace", "Not_A_Namespace", "--metrics-port", "70000", "--resync-period", "1",
        "--aws-endpoint", "ftp://x");

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("--lease-namespace", "Not_A_Namespace", "--metrics-port", "70000",
        "--resync-period", "--aws-endpoint");
    assertThat(out.toString()).doesNotContain("operator running");
  }

  private String readyStatus(SandboxCli sandbox) {
    try {
      return kubectl(sandbox, "get", "billingidentity", "billing", "-o",
          "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout();
    } catch (Exception e) {
      return "";
    }
  }

  private record Run(int exit, String stdout, String stderr) {}

  private Run kubectl(SandboxCli sandbox, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", sandbox.kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "20s"));
    command.addAll(List.of(args));
    Path o = Files.createTempFile(dir, "out", ".txt");
    Path e = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(o.toFile()).redirectError(e.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().remove("KUBECONFIG");
    Process process = pb.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not end within 60 s");
    }
    return new Run(process.exitValue(), Files.readString(o).trim(), Files.readString(e));
  }

  private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
