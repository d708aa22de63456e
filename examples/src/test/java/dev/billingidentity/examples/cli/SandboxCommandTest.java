package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.examples.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code billing-identity sandbox}'s AWS options: the rate limits of EKS and IAM ({@code --eks-rate-limit},
 * {@code --iam-rate-limit}, their bursts) and {@code --aws-latency-ms}, each refused with exit 3 when out of range,
 * and on a running sandbox the throttling they cause, counted per service on its admin endpoint and on the way out.
 */
class SandboxCommandTest {
  @TempDir Path dir;

  private String[] sandbox(String... options) {
    List<String> args = new ArrayList<>(List.of("sandbox", "--control-planes", "0", "--kubeconfig-out",
        dir.resolve("sandbox.kubeconfig").toString()));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  @Test
  void theCommandsToCopyStartTheCliAsTheLauncherWasInvoked() {
    String before = System.getProperty(SandboxCommand.LAUNCHER_PROPERTY);
    System.setProperty(SandboxCommand.LAUNCHER_PROPERTY, "/opt/billing-identity/bin/billing-identity");
    try {
      assertThat(SandboxCommand.selfCommand()).isEqualTo("/opt/billing-identity/bin/billing-identity");
    } finally {
      if (before == null) {
        System.clearProperty(SandboxCommand.LAUNCHER_PROPERTY);
      } else {
        System.setProperty(SandboxCommand.LAUNCHER_PROPERTY, before);
      }
    }
    // Started otherwise (here: from the build's classes, not a jar), the CLI's own name.
    assertThat(SandboxCommand.selfCommand()).isEqualTo("billing-identity");
  }

  @Test
  void everyBadRateLatencyOrBurstIsNamedWithItsValueAndRuleAndExits3() {
    CliRun run = CliRun.of(sandbox("--eks-rate-limit", "0", "--eks-rate-burst", "0", "--iam-rate-limit", "fast",
        "--aws-latency-ms", "-5"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("invalid input (4 problems)",
        "'--eks-rate-limit' = \"0\": a number of requests a second above 0, e.g. 20 or 0.5",
        "'--eks-rate-burst' = \"0\": a whole number of requests, at least 1",
        "'--iam-rate-limit' = \"fast\": a number of requests a second above 0",
        "'--aws-latency-ms' = \"-5\": a whole number of milliseconds from 0 to 60000");
    assertThat(run.out()).doesNotContain("sandbox ready");
  }

  @Test
  void aBurstWithoutItsRateAndALatencyBeyondAMinuteAreRefused() {
    CliRun run = CliRun.of(sandbox("--iam-rate-burst", "5", "--aws-latency-ms", "60001", "--eks-rate-limit",
        "Infinity"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("'--iam-rate-burst' = \"5\": given together with --iam-rate-limit",
        "'--aws-latency-ms' = \"60001\"", "'--eks-rate-limit' = \"Infinity\"");
  }

  @Test
  void aRunningSandboxThrottlesBeyondItsLimitsAndCountsEachServiceOnItsAdminEndpointAndOnStop() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    // One token an hour after the burst: what passes and what is throttled does not depend on this machine's speed.
    Thread sandbox = new Thread(() -> exit.set(BillingIdentityCli.run(new PrintWriter(out, true),
        new PrintWriter(err, true), sandbox("--eks-rate-limit", "0.0003", "--eks-rate-burst", "2",
            "--iam-rate-limit", "0.0003", "--aws-latency-ms", "30"))), "sandbox-under-test");
    sandbox.start();
    try {
      awaitReady(out, err);
      String aws = printed(out, "aws endpoint");
      String admin = printed(out, "admin endpoint");
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest describe = HttpRequest.newBuilder(URI.create(aws + "/clusters/" + Sandbox.CLUSTER)).build();
      HttpRequest listRoles = HttpRequest.newBuilder(URI.create(aws + "/"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("Action=ListRoles&Version=2010-05-08")).build();

      List<Integer> eks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        eks.add(http.send(describe, HttpResponse.BodyHandlers.discarding()).statusCode());
      }
      List<Integer> iam = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 2; i++) {
        iam.add(http.send(listRoles, HttpResponse.BodyHandlers.discarding()).statusCode());
      }
      Duration twoIamAnswers = Duration.ofNanos(System.nanoTime() - started);
      String counts = http.send(HttpRequest.newBuilder(URI.create(admin + "/aws-calls")).build(),
          HttpResponse.BodyHandlers.ofString()).body();

      assertThat(out.toString()).contains("  aws rate limits:     EKS 0.0003/s (burst 2), IAM 0.0003/s (burst 1)",
          "  aws latency:         30 ms");
      assertThat(eks).containsExactly(200, 200, 429);
      assertThat(iam).as("IAM's burst is its rate rounded up: 1").containsExactly(200, 400);
      assertThat(twoIamAnswers).as("each answer waits the latency, the throttled one too")
          .isGreaterThanOrEqualTo(Duration.ofMillis(60));
      assertThat(counts).isEqualTo("EKS calls=3 accepted=2 throttled=1\nIAM calls=2 accepted=1 throttled=1\n");
    } finally {
      sandbox.interrupt();
      sandbox.join(Duration.ofSeconds(30).toMillis());
    }
    assertThat(sandbox.isAlive()).as("stopped").isFalse();
    assertThat(out.toString()).contains("aws calls by service (accepted, throttled):\n"
        + "  EKS calls=3 accepted=2 throttled=1\n  IAM calls=2 accepted=1 throttled=1\n", "sandbox stopped");
  }

  private static void awaitReady(StringWriter out, StringWriter err) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!out.toString().contains("sandbox ready")) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("sandbox not ready in time: " + out + err);
      }
      Thread.sleep(50);
    }
  }

  private static String printed(StringWriter out, String label) {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + ":\\s+(\\S+)$").matcher(out.toString());
    if (!m.find()) {
      throw new AssertionError("no '" + label + "' line in " + out);
    }
    return m.group(1);
  }
}
