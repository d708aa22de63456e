package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.examples.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promise: the CLI prints no credential, token or signature at any log level. plan, apply and verify run in their
 * own JVMs, as a user runs them ({@code java ... BillingIdentityCli}), through the real SDK and fabric8 adapters
 * against a sandbox in this JVM, with session credentials and a kubeconfig bearer token that can be recognised, and
 * with every logger at TRACE ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=trace}, and the loggers that print
 * credentials named on their own), then with {@code --debug};
 * everything they print, stdout and stderr, is searched.
 */
class NoCredentialsInCliOutputTest {
  private static final String ACCESS_KEY = "AKIACLIPROBE00000001";
  private static final String SECRET_KEY = "cliSecretProbe/MustNeverBePrinted+000000";
  private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLECLISESSIONTOKENPROBE";
  private static final String BEARER = "kubeBearerTokenProbe-0123456789abcdef";
  private static final List<String> SECRETS = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, BEARER, "Signature=");

  @TempDir Path dir;
  private Sandbox sandbox;
  private Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.builder().controlPlanes(2).start();
    Path file = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
    kubeconfig = Files.writeString(file, Files.readString(file).replace("token: sandbox", "token: " + BEARER));
    assertThat(Files.readString(kubeconfig)).contains(BEARER);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void planApplyAndVerifyPrintNoCredentialWithEveryLoggerAtTraceOrWithDebug() throws Exception {
    StringBuilder all = new StringBuilder();
    all.append(cli(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"), "plan"));
    all.append(cli(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"), "apply", "--yes"));
    // A user who names the loggers that print credentials, or asks the JDK's HTTP client for its header log, gets
    // nothing from them either.
    all.append(cli(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
        "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=debug",
        "-Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.http.auth=trace",
        "-Djdk.httpclient.HttpClient.log=headers"), "verify"));
    String debug = cli(List.of(), "plan", "--debug");
    all.append(debug);

    for (String secret : SECRETS) {
      assertThat(all.indexOf(secret)).as("%s printed at %s", secret, around(all, secret)).isEqualTo(-1);
    }

    // The search means something only if the logs it searched were on: the SDK's and the Apache client's at TRACE
    // and DEBUG, fabric8's, and the library's own with --debug.
    assertThat(all).contains("TRACE software.amazon.awssdk").contains("DEBUG org.apache.hc.client5")
        .contains("io.fabric8.kubernetes.client").contains("DEBUG dev.billingidentity.awssdk.AwsCallCounter");
    assertThat(debug).contains("DEBUG dev.billingidentity.awssdk.AwsCallCounter - STS:GetCallerIdentity")
        .contains("DEBUG dev.billingidentity.kubernetes").doesNotContain("TRACE ").doesNotContain("DEBUG org.apache");
    // The AWS calls were signed with the session credentials (the fake server saw the calls; they passed).
    assertThat(sandbox.aws().role("spaces-billing")).isPresent();
  }

  /** Runs the CLI in a JVM of its own with {@code jvmOptions}; its stdout and stderr, after checking it exited 0. */
  private String cli(List<String> jvmOptions, String command, String... args) throws Exception {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(jvmOptions);
    line.addAll(List.of("-cp", System.getProperty("java.class.path"), BillingIdentityCli.class.getName()));
    line.addAll(List.of(SandboxCli.connect(sandbox.awsEndpoint().toString(), kubeconfig, command, CliRun.concat(
        new String[] {"--mode", "irsa", "--cluster", Sandbox.CLUSTER, "--role-name", "spaces-billing",
            "--bucket", "acme-billing", "--region", "us-east-1", "--discover"}, args))));
    Path out = dir.resolve(command + "-" + System.nanoTime() + ".out");
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("KUBECONFIG"));
    env.putAll(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
        "AWS_SESSION_TOKEN", SESSION_TOKEN, "AWS_REGION", "us-east-1"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, tail(output)).isZero();
    return output;
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }

  private static String around(CharSequence text, String needle) {
    int i = text.toString().indexOf(needle);
    return i < 0 ? "" : text.subSequence(Math.max(0, i - 200), Math.min(text.length(), i + 100)).toString();
  }
}
