package dev.billingidentity.examples.cli;

import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.validation.Problems;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole guide with no AWS account and no cluster. Starts a {@link Sandbox} in-process and runs the
 * CLI's own commands against it over HTTP, through the real SDK and fabric8 adapters: plan, apply, the Space's
 * {@code helm upgrade} (played by the sandbox), verify, restart, verify; for IRSA and then for Pod Identity, each on
 * a fresh Space. Every step is printed as the command a user would type, then its output.
 */
@Command(name = "demo", description = "Run plan -> apply -> helm -> verify -> restart -> verify against a sandbox Space, "
    + "for IRSA and then Pod Identity.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--control-planes", defaultValue = "5", description = "control planes in the Space (default: 5)")
  int controlPlanes;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Problems p = new Problems();
    p.require(controlPlanes >= 1 && controlPlanes <= 100, "--control-planes", controlPlanes, "between 1 and 100");
    InvalidInput.check(p);
    boolean healthy = run(out, "irsa") & run(out, "pod-identity");
    out.println(healthy ? "demo finished: both modes verified healthy" : "demo finished with problems (see above)");
    out.flush();
    return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private boolean run(PrintWriter out, String mode) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("billing-identity-demo");
    try (Sandbox sandbox = Sandbox.builder().controlPlanes(controlPlanes).groups("team-a", "team-b").start()) {
      Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
      List<String> options = List.of("--mode", mode, "--cluster", Sandbox.CLUSTER, "--role-name", "spaces-billing",
          "--bucket", "acme-billing", "--region", Sandbox.REGION, "--discover",
          "--aws-endpoint", sandbox.awsEndpoint().toString(), "--kubeconfig", kubeconfig.toString());
      out.println("=== " + ("irsa".equals(mode) ? "IRSA" : "EKS Pod Identity") + ": a sandbox Space with "
          + controlPlanes + " control planes on EKS cluster " + Sandbox.CLUSTER + " ===");
      out.println("fake AWS: " + sandbox.awsEndpoint() + "   Kubernetes API: " + sandbox.kubernetesUrl());
      out.println("OPTS=\"" + String.join(" ", options) + "\"");
      out.println();
      step(out, "plan", options);
      step(out, "apply --yes", options);
      if (!helmUpgrade(out, sandbox, mode)) {
        return false;
      }
      step(out, "verify", options);
      step(out, "restart", options);
      int finalVerify = step(out, "verify --detailed-exitcode", options);
      return finalVerify == ExitCodes.OK;
    } finally {
      Files.deleteIfExists(dir.resolve("kubeconfig"));
      Files.deleteIfExists(dir);
    }
  }

  /** Prints {@code $ billing-identity <command> $OPTS}, runs it against the sandbox and prints what it printed. */
  private static int step(PrintWriter out, String command, List<String> options) {
    out.println("$ billing-identity " + command + " $OPTS");
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(options);
    // Its output is captured and printed after the step: a progress line would come out as stray frames.
    args.addAll(List.of("--progress", "never"));
    StringWriter captured = new StringWriter();
    PrintWriter to = new PrintWriter(captured, true);
    int code = BillingIdentityCli.run(sandboxBackends(), to, to, args.toArray(String[]::new));
    out.print(captured);
    out.println("(exit " + code + ")");
    out.println();
    out.flush();
    return code;
  }

  /** The real backends with the sandbox's credentials, without touching this JVM's environment or properties. */
  private static Backends sandboxBackends() {
    return new DefaultBackends(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)));
  }

  /**
   * The Space's {@code helm upgrade} with the printed values, played by the sandbox's admin endpoint; false (said)
   * when the values could not be made or the sandbox refused them.
   */
  private static boolean helmUpgrade(PrintWriter out, Sandbox sandbox, String mode)
      throws IOException, InterruptedException {
    String[] args = {"helm-values", "--mode", mode, "--role-name", "spaces-billing", "--bucket", "acme-billing",
        "--region", Sandbox.REGION, "--cluster", Sandbox.CLUSTER, "--account-id", Sandbox.ACCOUNT_ID};
    URI endpoint = URI.create(sandbox.adminEndpoint() + "/helm-values");
    out.println("$ billing-identity " + String.join(" ", args)
        + " | curl --data-binary @- " + endpoint + "    # helm upgrade, played by the sandbox");
    StringWriter flags = new StringWriter();
    int code = BillingIdentityCli.run(sandboxBackends(), new PrintWriter(flags, true),
        new PrintWriter(flags, true), args);
    flags.toString().lines().forEach(line -> out.println("  " + line));
    if (code != ExitCodes.OK) {
      out.println("(exit " + code + ")");
      out.flush();
      return false;
    }
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
        .POST(HttpRequest.BodyPublishers.ofString(flags.toString())).build(), HttpResponse.BodyHandlers.ofString());
    out.print("sandbox (HTTP " + answer.statusCode() + "): " + answer.body());
    out.println();
    out.flush();
    return answer.statusCode() == 200;
  }
}
