package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.plan.ApplyFailedException;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Promise: the strategies run unchanged over the real SDK adapters, over HTTP to the fake AWS server, and end in the
 * same state as over the in-memory fakes; a crash there is repaired like anywhere else.
 */
class RealAdaptersOverHttpTest {

  private static AwsAdapters adapters(URI endpoint) {
    return AwsAdapters.builder().region("us-east-1").endpointOverride(endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
        .build();
  }

  private static ApplyResult inMemory(CrashAtEveryStepTest.Mode mode, FakeSpace space) {
    return mode.identity.apply(space).using(space.aws().backend(), space.cluster())
        .withRetry(Retry.withoutDelay(3)).forControlPlanes(ControlPlanes.discovered()).apply();
  }

  @ParameterizedTest
  @EnumSource(CrashAtEveryStepTest.Mode.class)
  void applyOverHttpEndsLikeApplyInMemoryAndThenHasNothingToDo(CrashAtEveryStepTest.Mode mode) {
    FakeSpace reference = CrashAtEveryStepTest.seededSpace();
    inMemory(mode, reference);

    FakeSpace space = CrashAtEveryStepTest.seededSpace();
    try (FakeAwsServer server = FakeAwsServer.start(space.aws()); AwsAdapters aws = adapters(server.endpoint())) {
      var identity = mode.identity.apply(space).using(aws.backend(), space.cluster())
          .forControlPlanes(ControlPlanes.discovered());
      ApplyResult result = identity.apply();

      assertThat(result.applied()).isNotEmpty();
      assertThat(AwsState.of(space, "spaces-billing")).isEqualTo(AwsState.of(reference, "spaces-billing"));
      assertThat(identity.plan().isEmpty()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(CrashAtEveryStepTest.Mode.class)
  void aCrashAtTheSecondWriteOverHttpIsRepairedByTheNextApply(CrashAtEveryStepTest.Mode mode) {
    FakeSpace reference = CrashAtEveryStepTest.seededSpace();
    inMemory(mode, reference);

    FakeSpace space = CrashAtEveryStepTest.seededSpace();
    try (FakeAwsServer server = FakeAwsServer.start(space.aws()); AwsAdapters aws = adapters(server.endpoint())) {
      var identity = mode.identity.apply(space).using(aws.backend(), space.cluster())
          .forControlPlanes(ControlPlanes.discovered());
      space.aws().faults().failWrite(2, () -> new dev.billingidentity.spi.aws.AccessDeniedException("AWS", "crash",
          "AccessDenied", 403, "the process was killed here"));

      assertThatThrownBy(identity::apply).isInstanceOf(ApplyFailedException.class);
      space.aws().faults().clear();
      identity.apply();

      assertThat(AwsState.of(space, "spaces-billing")).isEqualTo(AwsState.of(reference, "spaces-billing"));
    }
  }
}
