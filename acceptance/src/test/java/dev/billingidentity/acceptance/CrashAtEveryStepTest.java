package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.ApplyFailedException;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise: an apply that stops at any write leaves nothing the next apply cannot repair. For each mode, a crash is
 * injected at write k for every k of an uninterrupted apply; apply then runs again, and AWS must hold exactly what
 * the uninterrupted apply left, with every foreign statement and association intact.
 */
class CrashAtEveryStepTest {
  private static final String ROLE = "spaces-billing";
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  private static final String FOREIGN_STATEMENT = "{\"Sid\":\"CiDeploy\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
      + "\"arn:aws:iam::123456789012:role/ci\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":"
      + "{\"aws:MultiFactorAuthPresent\":true},\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}}";

  enum Mode {
    IRSA(space -> BillingIdentity.irsa(IrsaSettings.builder().cluster(space.clusterName()).role(IamRole.named(ROLE))
        .storage(STORAGE).build())),
    POD_IDENTITY(space -> BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(space.clusterName())
        .role(IamRole.named(ROLE)).storage(STORAGE).build()));

    final Function<FakeSpace, BillingIdentity> identity;

    Mode(Function<FakeSpace, BillingIdentity> identity) {
      this.identity = identity;
    }
  }

  /** A Space with 6 control planes, a role holding someone else's statement, and someone else's association. */
  static FakeSpace seededSpace() {
    FakeSpace space = FakeSpace.withControlPlanes(6).build();
    space.aws().givenRole(ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[" + FOREIGN_STATEMENT + "]}",
        Ownership.tags(space.clusterName()));
    space.aws().givenAssociation(space.clusterName(), "monitoring", "prometheus",
        "arn:aws:iam::123456789012:role/prometheus", Map.of("team", "observability"));
    space.aws().calls().reset();
    return space;
  }

  private static ApplyResult apply(Mode mode, FakeSpace space) {
    return mode.identity.apply(space).using(space.aws().backend(), space.cluster())
        .withRetry(Retry.withoutDelay(3)).forControlPlanes(ControlPlanes.discovered()).apply();
  }

  static Stream<Arguments> crashes() {
    return Stream.of(Mode.values()).flatMap(mode -> {
      FakeSpace reference = seededSpace();
      apply(mode, reference);
      int writes = (int) reference.aws().calls().writes();
      return IntStream.rangeClosed(1, writes).mapToObj(k -> Arguments.of(mode, k, writes));
    });
  }

  @ParameterizedTest(name = "{0}: crash at write {1} of {2}")
  @MethodSource("crashes")
  void theNextApplyRepairsACrashAtAnyWrite(Mode mode, int k, int writes) {
    FakeSpace reference = seededSpace();
    apply(mode, reference);
    AwsState expected = AwsState.of(reference, ROLE);

    FakeSpace space = seededSpace();
    space.aws().faults().failWrite(k, () -> new IllegalStateException("the process was killed here"));
    assertThatThrownBy(() -> apply(mode, space)).isInstanceOf(ApplyFailedException.class);
    space.aws().faults().clear();
    ApplyResult repaired = apply(mode, space);

    assertThat(AwsState.of(space, ROLE)).isEqualTo(expected);
    assertThat(space.aws().role(ROLE).orElseThrow().trustPolicyJson()).contains(FOREIGN_STATEMENT);
    assertThat(space.aws().associationFor(space.clusterName(), "monitoring", "prometheus")).isPresent();
    assertThat(mode.identity.apply(space).using(space.aws().backend(), space.cluster()).plan().isEmpty())
        .as("a plan after the repair is empty").isTrue();
    assertThat(repaired.applied().size()).isLessThanOrEqualTo(writes);
  }
}
