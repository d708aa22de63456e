package dev.billingidentity.awssdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters cannot turn the SDK stack's credential-printing loggers off in an application's logging backend;
 * they warn, once, naming the ones that are on. Each case runs in a JVM of its own, since slf4j-simple fixes its
 * levels when it starts.
 */
class CredentialLoggersTest {
  @TempDir Path dir;

  @Test
  void withTheApacheHeaderLoggerAtDebugTheAdaptersWarnOnceNamingIt() throws Exception {
    String output = probe("-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=debug");

    assertThat(output).contains("WARN dev.billingidentity.awssdk.CredentialLoggers")
        .contains("org.apache.hc.client5.http.headers").contains("print AWS credentials")
        .doesNotContain("org.apache.hc.client5.http.wire,");
    assertThat(output.split("print AWS credentials", -1)).as("one warning for two builds").hasSize(2);
  }

  @Test
  void withTheRootLoggerAtTraceEveryCredentialLoggerIsNamed() throws Exception {
    String output = probe("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");

    assertThat(output).contains("WARN dev.billingidentity.awssdk.CredentialLoggers");
    CredentialLoggers.NAMES.forEach(name -> assertThat(output).contains(name));
  }

  @Test
  void withTheDefaultsThereIsNothingToWarnAbout() throws Exception {
    assertThat(CredentialLoggers.enabled()).isEmpty();
    assertThat(probe("-Dorg.slf4j.simpleLogger.defaultLogLevel=info")).doesNotContain("CredentialLoggers");
  }

  private String probe(String loggers) throws Exception {
    List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        loggers, "-cp", System.getProperty("java.class.path"), CredentialLoggersProbe.class.getName()));
    Path out = dir.resolve("probe-" + System.nanoTime() + ".out");
    Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
