package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Promise: logs and exceptions never contain credentials or tokens. Runs applies that succeed, retry and fail over
 * the real adapters with recognisable credentials, with the library's log at debug, and searches everything it
 * printed and threw.
 */
class NoSecretsInLogsOrErrorsTest {
  private static final String ACCESS_KEY = "AKIASECRETPROBE00001";
  private static final String SECRET_KEY = "s3cr3t/Probe+Key/ThatMustNeverBeLogged00";
  private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENPROBE";
  private static final Path LOG = Path.of("target/acceptance-library.log");

  @Test
  void nothingTheLibraryLogsOrThrowsContainsTheCredentials() throws Exception {
    List<String> thrown = new ArrayList<>();
    for (CrashAtEveryStepTest.Mode mode : CrashAtEveryStepTest.Mode.values()) {
      FakeSpace space = CrashAtEveryStepTest.seededSpace();
      try (FakeAwsServer server = FakeAwsServer.start(space.aws());
          AwsAdapters aws = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
              .credentialsProvider(StaticCredentialsProvider.create(
                  AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)))
              .retryMaxAttempts(2).retryBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5))
              .build()) {
        var identity = mode.identity.apply(space).using(aws.backend(), space.cluster())
            .withRetry(dev.billingidentity.plan.Retry.withoutDelay(2)).forControlPlanes(ControlPlanes.discovered());
        space.aws().faults().throttleNext("GetRole", 1);
        identity.apply();
        space.aws().faults().failWrite(1, () -> new ThrottlingException("IAM", "x", "Throttling", 400, "Rate exceeded"));
        space.aws().faults().throttleNext("GetRole", 10);
        try {
          identity.destroy();
        } catch (BillingIdentityException e) {
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          thrown.add(trace.toString());
        }
      }
    }

    assertThat(thrown).as("the failing destroys threw").isNotEmpty();
    String log = Files.exists(LOG) ? Files.readString(LOG) : "";
    assertThat(log).as("the library logged at debug").contains("dev.billingidentity");
    for (String text : List.of(log, String.join("\n", thrown))) {
      assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(SESSION_TOKEN).doesNotContain(ACCESS_KEY);
    }
  }
}
