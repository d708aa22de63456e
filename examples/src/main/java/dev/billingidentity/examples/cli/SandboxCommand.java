package dev.billingidentity.examples.cli;

import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.testing.fault.RateLimit;
import dev.billingidentity.validation.Problem;
import dev.billingidentity.validation.Problems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox}: a Space on loopback (the fake AWS server and a Kubernetes API holding {@code --control-planes N}
 * control planes with vector deployed) that the other commands, the SDK and other processes can be pointed at. Its
 * AWS can stand for a distant one ({@code --aws-latency-ms}) and for an account's request rates
 * ({@code --eks-rate-limit}, {@code --iam-rate-limit}, and their bursts). Runs until interrupted; stops its servers,
 * prints how many requests each AWS service accepted and throttled, and removes its kubeconfig on the way out.
 */
@Command(name = "sandbox", description = "Run a fake AWS and a fake Space's Kubernetes API on loopback until interrupted.")
final class SandboxCommand implements Callable<Integer> {
  /** The builder's fields as this command's options, so that an error names what the user typed. */
  private static final Map<String, String> OPTIONS = Map.of("controlPlanes", "--control-planes",
      "awsPort", "--aws-port", "kubePort", "--kube-port", "adminPort", "--admin-port",
      "bucketRegion", "--bucket-region", "bucketKmsKey", "--bucket-kms-key");

  /** The longest {@code --aws-latency-ms}: the SDK adapters' call timeout, beyond which no answer is seen. */
  private static final long MAX_AWS_LATENCY_MS = 60_000;

  @Spec CommandSpec spec;

  @Option(names = "--control-planes", defaultValue = "3", description = "control planes in the Space (default: 3)")
  int controlPlanes;

  @Option(names = "--vector-image", paramLabel = "IMAGE", defaultValue = Sandbox.DEFAULT_VECTOR_IMAGE,
      description = "vector's image in every control plane (default: ${DEFAULT-VALUE}; before 0.46.0 it cannot use "
          + "Pod Identity)")
  String vectorImage;

  @Option(names = "--aws-port", defaultValue = "0", description = "fake AWS server port (default: a free one)")
  int awsPort;

  @Option(names = "--kube-port", defaultValue = "0", description = "Kubernetes API port (default: a free one)")
  int kubePort;

  @Option(names = "--admin-port", defaultValue = "0",
      description = "admin endpoint port: Helm values, control planes (default: a free one)")
  int adminPort;

  @Option(names = "--bucket-region", paramLabel = "REGION", defaultValue = Sandbox.REGION,
      description = "region of the billing bucket " + Sandbox.BUCKET + " (default: ${DEFAULT-VALUE})")
  String bucketRegion;

  @Option(names = "--bucket-kms-key", paramLabel = "KEY_ARN",
      description = "encrypt the billing bucket with SSE-KMS and this customer key (default: SSE-S3)")
  String bucketKmsKey;

  @Option(names = "--eks-rate-limit", paramLabel = "RPS",
      description = "limit EKS to RPS requests a second, as an account's rate: beyond it EKS answers 429 "
          + "TooManyRequestsException (default: no limit)")
  String eksRateLimit;

  @Option(names = "--eks-rate-burst", paramLabel = "N",
      description = "requests EKS lets through at once after a quiet while (default: the rate, rounded up)")
  String eksRateBurst;

  @Option(names = "--iam-rate-limit", paramLabel = "RPS",
      description = "limit IAM to RPS requests a second: beyond it IAM answers 400 Throttling (default: no limit)")
  String iamRateLimit;

  @Option(names = "--iam-rate-burst", paramLabel = "N",
      description = "requests IAM lets through at once after a quiet while (default: the rate, rounded up)")
  String iamRateBurst;

  @Option(names = "--aws-latency-ms", paramLabel = "MS",
      description = "every AWS answer waits MS milliseconds, throttled ones too, as from a distant region "
          + "(default: 0)")
  String awsLatencyMs;

  @Option(names = "--kubeconfig-out", paramLabel = "FILE", defaultValue = "sandbox.kubeconfig",
      description = "where to write the sandbox's kubeconfig (default: ${DEFAULT-VALUE})")
  Path kubeconfigOut;

  @Override
  public Integer call() throws InterruptedException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    Problems p = new Problems();
    Path dir = kubeconfigOut.toAbsolutePath().getParent();
    p.require(dir != null && Files.isDirectory(dir) && Files.isWritable(dir), "--kubeconfig-out", kubeconfigOut,
        "a file in an existing, writable directory");
    Sandbox.Builder builder = Sandbox.builder().controlPlanes(controlPlanes).awsPort(awsPort).kubePort(kubePort)
        .adminPort(adminPort).bucketRegion(bucketRegion);
    if (bucketKmsKey != null) {
      builder.bucketKmsKey(bucketKmsKey);
    }
    rateLimit(p, "EKS", "--eks-rate-limit", eksRateLimit, "--eks-rate-burst", eksRateBurst, builder);
    rateLimit(p, "IAM", "--iam-rate-limit", iamRateLimit, "--iam-rate-burst", iamRateBurst, builder);
    if (awsLatencyMs != null) {
      Long ms = parseLong(awsLatencyMs);
      if (p.require(ms != null && ms >= 0 && ms <= MAX_AWS_LATENCY_MS, "--aws-latency-ms", awsLatencyMs,
          "a whole number of milliseconds from 0 to " + MAX_AWS_LATENCY_MS)) {
        builder.awsLatency(Duration.ofMillis(ms));
      }
    }
    Problems settings = new Problems();
    builder.vectorImage(vectorImage).check(settings);
    settings.asList().forEach(problem -> p.add(new Problem(OPTIONS.getOrDefault(problem.field(),
        option(problem.field())), problem.value(), problem.rule())));
    InvalidInput.check(p);
    Sandbox sandbox;
    try {
      sandbox = builder.start();
    } catch (RuntimeException e) {
      // The settings were checked: what fails now is a server's start (a port in use, say).
      spec.commandLine().getErr().println("error: the sandbox could not start: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> stop(sandbox, out, stopped), "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      Path kubeconfig = sandbox.writeKubeconfig(kubeconfigOut);
      printEndpoints(out, sandbox, kubeconfig);
      // Runs until the process is interrupted (SIGINT, SIGTERM): the shutdown hook stops the servers.
      stopped.await();
      return ExitCodes.OK;
    } finally {
      if (stopped.getCount() > 0) {
        // Left other than by the JVM's shutdown (embedded, interrupted, a failure): stop here, once.
        try {
          Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
        stop(sandbox, out, stopped);
      }
    }
  }

  /**
   * {@code --x-rate-limit RPS} and {@code --x-rate-burst N} for {@code service}: a rate above zero, a burst of at
   * least 1 and only with a rate; the burst is the rate rounded up unless given.
   */
  private static void rateLimit(Problems p, String service, String rateOption, String rate, String burstOption,
      String burst, Sandbox.Builder builder) {
    Double perSecond = null;
    if (rate != null) {
      perSecond = parseDouble(rate);
      if (!p.require(perSecond != null && perSecond > 0 && !perSecond.isInfinite(), rateOption, rate,
          "a number of requests a second above 0, e.g. 20 or 0.5")) {
        perSecond = null;
      }
    }
    Integer size = null;
    if (burst != null) {
      Long n = parseLong(burst);
      if (p.require(n != null && n >= 1 && n <= Integer.MAX_VALUE, burstOption, burst,
          "a whole number of requests, at least 1") && p.require(rate != null, burstOption, burst,
          "given together with " + rateOption)) {
        size = n.intValue();
      }
    }
    if (perSecond != null && (burst == null || size != null)) {
      RateLimit limit = RateLimit.perSecond(perSecond);
      builder.rateLimit(service, size == null ? limit : limit.withBurst(size));
    }
  }

  private static Double parseDouble(String value) {
    try {
      return Double.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseLong(String value) {
    try {
      return Long.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The option of a builder field not in {@link #OPTIONS}, by the same rule: {@code vectorImage} is --vector-image. */
  private static String option(String field) {
    return "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  private synchronized void stop(Sandbox sandbox, PrintWriter out, CountDownLatch stopped) {
    if (stopped.getCount() == 0) {
      return;
    }
    sandbox.close();
    // What a benchmark divides by its run's time: the rate achieved against the limits.
    out.println("aws calls by service (accepted, throttled):");
    sandbox.awsCallsReport().lines().forEach(line -> out.println("  " + line));
    try {
      // It names a port nothing listens on any more.
      Files.deleteIfExists(kubeconfigOut);
    } catch (IOException e) {
      // left behind: harmless, and overwritten by the next sandbox
    }
    out.println("sandbox stopped");
    out.flush();
    stopped.countDown();
  }

  private static void printEndpoints(PrintWriter out, Sandbox sandbox, Path kubeconfig) {
    String cli = selfCommand();
    out.println("sandbox: EKS cluster " + Sandbox.CLUSTER + " in " + Sandbox.REGION + ", account "
        + Sandbox.ACCOUNT_ID + ", " + sandbox.hostNamespaces().size() + " control planes with vector deployed");
    out.println("  billing bucket:      " + Sandbox.BUCKET + " in "
        + sandbox.aws().s3().bucketRegion(Sandbox.BUCKET).orElseThrow());
    out.println("  aws endpoint:        " + sandbox.awsEndpoint());
    out.println("  kubernetes api:      " + sandbox.kubernetesUrl());
    out.println("  kubeconfig:          " + kubeconfig.toAbsolutePath());
    out.println("  admin endpoint:      " + sandbox.adminEndpoint());
    if (!sandbox.awsRateLimits().isEmpty()) {
      StringJoiner limits = new StringJoiner(", ");
      sandbox.awsRateLimits().forEach((service, limit) -> limits.add(service + " " + limit));
      out.println("  aws rate limits:     " + limits);
    }
    if (!sandbox.awsLatency().isZero()) {
      out.println("  aws latency:         " + sandbox.awsLatency().toMillis() + " ms");
    }
    out.println();
    out.println("export these to point the SDK, the CLI and kubectl at it:");
    sandbox.environment(kubeconfig).forEach((k, v) -> out.println("  export " + k + "=" + v));
    out.println();
    out.println("then, e.g.:");
    out.println("  " + cli + " apply --yes --mode irsa --cluster " + Sandbox.CLUSTER
        + " --role-name spaces-billing --bucket acme-billing --region " + Sandbox.REGION
        + " --discover --aws-endpoint " + sandbox.awsEndpoint() + " --kubeconfig " + kubeconfig.toAbsolutePath());
    out.println("  # the Space's helm upgrade, played by the sandbox:");
    out.println("  " + cli + " helm-values --mode irsa --role-name spaces-billing --bucket acme-billing --region "
        + Sandbox.REGION + " --cluster " + Sandbox.CLUSTER + " --account-id " + Sandbox.ACCOUNT_ID
        + " | curl -sS --data-binary @- " + sandbox.adminEndpoint() + "/helm-values");
    out.println("  # requests per AWS service, accepted and throttled (DELETE to count from zero):");
    out.println("  curl -sS " + sandbox.adminEndpoint() + "/aws-calls");
    out.println();
    out.println("sandbox ready; Ctrl-C stops it");
    out.flush();
  }

  /**
   * The system property the distribution's launcher ({@code bin/billing-identity}) sets to how it was invoked, so that
   * the commands printed for a user to copy start the CLI the same way.
   */
  static final String LAUNCHER_PROPERTY = "billing-identity.launcher";

  /**
   * How this CLI was started, for commands to copy: the launcher as it was invoked, else {@code java -jar <jar>} when
   * it runs from its jar.
   */
  static String selfCommand() {
    String launcher = System.getProperty(LAUNCHER_PROPERTY, "");
    if (!launcher.isBlank()) {
      return launcher;
    }
    try {
      Path location = Path.of(SandboxCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? "java -jar " + location : "billing-identity";
    } catch (Exception e) {
      return "billing-identity";
    }
  }
}
