package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an apply reads of EKS's associations: the plan describes each one (the list carries no role); the
 * verification after the apply lists again and, for the associations that list still shows with the same id, uses
 * what the apply's own writes answered or, for those the plan left untouched, what the plan described; it describes
 * only the others. The reads keep to the apply's concurrency. {@link PodIdentityChangesDuringApplyTest} changes EKS
 * during the apply.
 */
class PodIdentityReadsTest {
  private static final int CONTROL_PLANES = 150;

  @Test
  void aPlanChecksTheBucketAlongsideItsOtherReadsNotAfterThem() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    // Held until the bucket has been asked: read after the observation, as before, the bucket never would be.
    space.aws().faults().beforeCall("ListPodIdentityAssociations", 1, () -> {
      if (!space.aws().calls().awaitCount("HeadBucket", 1, Duration.ofSeconds(10))) {
        throw new AssertionError("the associations were listed before the bucket was asked");
      }
    });

    var plan = Fixtures.podIdentity(space).plan();

    assertThat(plan.blocker()).isEmpty();
    assertThat(space.aws().calls().count("HeadBucket")).isEqualTo(1);
    assertThat(space.aws().calls().count("GetBucketEncryption")).isEqualTo(1);
  }

  @Test
  void anApplyChecksTheBucketOnceAndADestroyPlanNotAtAll() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);

    podIdentity.apply();
    assertThat(space.aws().calls().count("HeadBucket")).as("plan and verification share one check").isEqualTo(1);
    space.aws().calls().reset();

    podIdentity.destroyPlan();
    assertThat(space.aws().calls().count("HeadBucket")).isZero();
    assertThat(space.aws().calls().count("GetBucketEncryption")).isZero();
  }

  @Test
  void theVerificationAfterAFirstApplyReportsWhatTheCreatesAnsweredWithoutDescribingThem() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();

    ApplyResult first = Fixtures.podIdentity(space).apply();

    assertThat(space.aws().calls().count("DescribePodIdentityAssociation")).isZero();
    for (String ns : space.hostNamespaces()) {
      Association held = space.aws().associationFor(space.clusterName(), ns, "vector").orElseThrow();
      assertThat(first.verification().about(ns)).filteredOn(f -> f.check().equals("association")).singleElement()
          .satisfies(f -> {
            assertThat(f.state()).isEqualTo(FindingState.OK);
            assertThat(f.detail()).isEqualTo(held.associationId() + " -> " + Fixtures.ROLE_ARN);
          });
    }
  }

  @Test
  void aNoOpReApplyDescribesEachAssociationOnceForItsPlanAndNotAgainForItsVerification() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    space.aws().calls().reset();

    ApplyResult second = podIdentity.apply();

    assertThat(second.calls().writes()).isZero();
    assertThat(space.aws().calls().count("DescribePodIdentityAssociation")).isEqualTo(CONTROL_PLANES);
    // 150 in pages of 100, listed by the plan and again by the verification
    assertThat(space.aws().calls().count("ListPodIdentityAssociations")).isEqualTo(4);
    assertThat(second.verification().drift()).noneMatch(f -> f.check().equals("association"));
  }

  @Test
  void anApplyThatChangesSomeAssociationsDescribesNoneOfThemAgainForItsVerification() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String recreated = space.hostNamespaces().get(4);
    Association held = space.aws().associationFor(space.clusterName(), recreated, "vector").orElseThrow();
    space.aws().deletePodIdentityAssociation(space.clusterName(), held.associationId());
    String added = space.addControlPlane("default");
    space.aws().calls().reset();

    ApplyResult result = podIdentity.apply();

    assertThat(result.applied()).hasSize(2); // the two creates
    // the plan describes the 149 that exist; the verification none: two were written, the rest untouched
    assertThat(space.aws().calls().count("DescribePodIdentityAssociation")).isEqualTo(CONTROL_PLANES - 1);
    assertThat(result.verification().about(recreated)).filteredOn(f -> f.check().equals("association"))
        .singleElement().extracting(Finding::state).isEqualTo(FindingState.OK);
    assertThat(result.verification().about(added)).filteredOn(f -> f.check().equals("association"))
        .singleElement().extracting(Finding::state).isEqualTo(FindingState.OK);
  }

  @Test
  void aRestartDescribesEachAssociationOnceForItsPlanAndNotAgainForItsVerification() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    space.aws().calls().reset();

    ApplyResult restarted = podIdentity.restartStale();

    assertThat(restarted.applied()).isNotEmpty();
    assertThat(space.aws().calls().count("DescribePodIdentityAssociation")).isEqualTo(20);
    assertThat(restarted.verification().drift()).noneMatch(f -> f.check().equals("association"));
  }

  @Test
  void aVerificationOnItsOwnDescribesEveryAssociationAndSeesWhatChangedSinceTheApply() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String ns = space.hostNamespaces().get(7);
    Association held = space.aws().associationFor(space.clusterName(), ns, "vector").orElseThrow();
    space.aws().deletePodIdentityAssociation(space.clusterName(), held.associationId());
    space.aws().calls().reset();

    var report = podIdentity.verify();

    assertThat(space.aws().calls().count("DescribePodIdentityAssociation")).isEqualTo(CONTROL_PLANES - 1);
    assertThat(report.about(ns)).filteredOn(f -> f.check().equals("association")).singleElement()
        .extracting(Finding::state).isEqualTo(FindingState.MISSING);
  }

  @Test
  void aControlPlaneProvisionedDuringTheApplyIsReadByItsVerificationNotAssumed() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();
    String[] late = new String[1];
    // While the apply writes, Spaces provisions one more control plane: the plan did not see it.
    space.aws().faults().beforeCall("CreatePodIdentityAssociation", 5, () -> late[0] = space.addControlPlane("default"));

    ApplyResult result = Fixtures.podIdentity(space).withOptions(ApplyOptions.defaults().withConcurrency(1)).apply();

    assertThat(result.plan().changes()).hasSize(2 + 20);
    assertThat(result.verification().about(late[0])).filteredOn(f -> f.check().equals("association"))
        .singleElement().extracting(Finding::state).isEqualTo(FindingState.MISSING);
    assertThat(space.aws().calls().count("ListPodIdentityAssociations")).isEqualTo(2); // the plan's and the verification's
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 3})
  void describesNeverRunMoreAtOnceThanTheApplyConcurrency(int concurrency) {
    FakeSpace space = FakeSpace.withControlPlanes(40).build();
    Fixtures.podIdentity(space).apply();
    // Long enough that describes started together are in flight together.
    space.aws().faults().latency("DescribePodIdentityAssociation", Duration.ofMillis(20));
    InFlight describes = new InFlight();
    AwsBackend aws = space.aws().backend();
    BillingIdentity podIdentity = BillingIdentity.podIdentity(Fixtures.settings().build())
        .using(new AwsBackend(aws.iam(), aws.sts(), describes.counting(aws.eks()), aws.s3()), space.cluster())
        .forControlPlanes(ControlPlanes.discovered())
        .withOptions(ApplyOptions.defaults().withConcurrency(concurrency));

    podIdentity.apply();

    assertThat(describes.calls.get()).isEqualTo(40); // the plan's; the verification reuses them
    assertThat(describes.max.get()).as("bounded by the concurrency, and reaching it").isEqualTo(concurrency);
  }

  /** Counts the {@code DescribePodIdentityAssociation} calls in flight through an EKS port, and the most at once. */
  private static final class InFlight {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    EksPort counting(EksPort eks) {
      return (EksPort) Proxy.newProxyInstance(EksPort.class.getClassLoader(), new Class<?>[] {EksPort.class},
          (proxy, method, args) -> {
            boolean describe = method.getName().equals("describePodIdentityAssociation");
            if (describe) {
              calls.incrementAndGet();
              max.accumulateAndGet(now.incrementAndGet(), Math::max);
            }
            try {
              return method.invoke(eks, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (describe) {
                now.decrementAndGet();
              }
            }
          });
    }
  }
}
