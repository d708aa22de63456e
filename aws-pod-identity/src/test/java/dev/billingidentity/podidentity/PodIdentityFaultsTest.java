package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.ApplyFailedException;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Throttling, IAM's eventual consistency, crashes and races: apply converges, and never duplicates. */
class PodIdentityFaultsTest {
  private static final List<String> EKS_OPERATIONS = List.of("DescribeCluster", "DescribeAddon",
      "ListPodIdentityAssociations", "DescribePodIdentityAssociation", "CreatePodIdentityAssociation",
      "UpdatePodIdentityAssociation", "DeletePodIdentityAssociation");

  @Test
  void convergesWithAThirdOfEksCallsThrottledAndANewRoleEksDoesNotSeeYet() {
    FakeSpace space = FakeSpace.withControlPlanes(200).build();
    InMemoryAws aws = space.aws();
    // EKS sees the new role only 15 calls after it is created. (Retries here do not sleep, so a window counted in
    // calls must stay below the attempts: one thread alone may spend all of its attempts inside it.)
    aws.visibilityDelay(15);
    long seed = 11;
    for (String op : EKS_OPERATIONS) {
      aws.faults().throttleShare(op, 0.3, seed++);
    }
    BillingIdentity podIdentity = Fixtures.podIdentity(space);

    ApplyResult first = podIdentity.apply();

    assertThat(Fixtures.ownedAssociations(space)).hasSize(200);
    assertThat(aws.associations(space.clusterName())).hasSize(200);
    assertThat(aws.calls().count("CreatePodIdentityAssociation")).isGreaterThan(200); // retried, not failed
    assertThat(first.verification().about(space.hostNamespaces().get(0)))
        .anySatisfy(f -> assertThat(f.check()).isEqualTo("association"))
        .filteredOn(f -> f.check().equals("association")).allMatch(f -> f.isOk());

    aws.calls().reset();
    ApplyResult second = podIdentity.apply();
    assertThat(second.calls().writes()).isZero();
    assertThat(aws.calls().writes()).isZero();
  }

  @Test
  void anInvalidParameterIsReportedOnceTheRetriesAreUsedUp() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    space.aws().visibilityDelay(1_000); // EKS never sees the new role within the attempts
    BillingIdentity podIdentity = Fixtures.podIdentity(space).withRetry(Retry.withoutDelay(5));

    assertThatThrownBy(podIdentity::apply).isInstanceOf(ApplyFailedException.class)
        .hasMessageContaining("create pod identity association")
        .hasCauseInstanceOf(InvalidParameterException.class);
    assertThat(space.aws().calls().count("CreatePodIdentityAssociation")).isEqualTo(5);
  }

  @Test
  void anApplyThatCrashedHalfWayIsRepairedByTheNextOne() {
    FakeSpace space = FakeSpace.withControlPlanes(30).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space).withOptions(
        dev.billingidentity.plan.ApplyOptions.defaults().withConcurrency(1));
    space.aws().faults().failCall("CreatePodIdentityAssociation", 10,
        () -> new IllegalStateException("the applier's host crashed"));

    assertThatThrownBy(podIdentity::apply).isInstanceOf(ApplyFailedException.class);
    assertThat(space.aws().associations(space.clusterName())).hasSize(9);

    space.aws().faults().clear();
    ApplyResult repaired = podIdentity.apply();

    assertThat(repaired.applied()).hasSize(21).allMatch(c -> c instanceof CreateAssociation);
    assertThat(space.aws().associations(space.clusterName())).hasSize(30);
  }

  @Test
  void aCreateThatFindsTheLibrarysOwnAssociationIsDoneAndOneNamingAnotherRoleIsUpdated() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    String first = space.hostNamespaces().get(0);
    String second = space.hostNamespaces().get(1);
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply(); // role in place
    space.aws().associations(space.clusterName())
        .forEach(a -> space.aws().deletePodIdentityAssociation(space.clusterName(), a.associationId()));
    var plan = podIdentity.plan();
    // A concurrent applier gets there first: ours with our role in one namespace, ours with an old role in the other.
    space.aws().givenAssociation(space.clusterName(), first, "vector", Fixtures.ROLE_ARN, Ownership.tags("spaces-prod"));
    space.aws().givenAssociation(space.clusterName(), second, "vector", "arn:aws:iam::123456789012:role/old",
        Ownership.tags("spaces-prod"));

    podIdentity.withOptions(dev.billingidentity.plan.ApplyOptions.defaults().withConcurrency(1)).apply(plan);

    assertThat(space.aws().associations(space.clusterName())).hasSize(2)
        .allSatisfy(a -> assertThat(a.roleArn()).isEqualTo(Fixtures.ROLE_ARN));
    assertThat(space.aws().calls().count("UpdatePodIdentityAssociation")).isEqualTo(1);
  }

  @Test
  void aCreateThatFindsSomeoneElsesAssociationNamingAnotherRoleFailsClearlyAndTouchesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    String ns = space.hostNamespaces().get(0);
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    var plan = podIdentity.plan();
    String theirs = "arn:aws:iam::123456789012:role/theirs";
    space.aws().givenAssociation(space.clusterName(), ns, "vector", theirs, Map.of("owner", "platform-team"));

    assertThatThrownBy(() -> podIdentity.apply(plan)).isInstanceOf(ApplyFailedException.class)
        .hasCauseInstanceOf(AssociationConflictException.class)
        .hasMessageContaining("was not created by billing-identity")
        .hasMessageContaining("aws eks delete-pod-identity-association --cluster-name spaces-prod");
    assertThat(space.aws().associations(space.clusterName())).singleElement()
        .satisfies(a -> assertThat(a.roleArn()).isEqualTo(theirs));
    assertThat(space.aws().calls().count("UpdatePodIdentityAssociation")).isZero();
  }

  @Test
  void aPlanInterruptedWhileAReadHangsStopsAtOnceAndKeepsTheInterrupt() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    java.util.concurrent.CountDownLatch hanging = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    // The role read hangs, as a call riding out throttling would: the operator's reconcile is interrupted meanwhile.
    space.aws().faults().beforeCall("GetRole", 1, () -> {
      hanging.countDown();
      try {
        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean interruptKept = new java.util.concurrent.atomic.AtomicBoolean();
    Thread reconcile = new Thread(() -> {
      try {
        Fixtures.podIdentity(space).plan();
      } catch (RuntimeException e) {
        thrown.set(e);
        interruptKept.set(Thread.currentThread().isInterrupted());
      }
    });
    reconcile.start();
    assertThat(hanging.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    reconcile.interrupt();
    reconcile.join(5_000);

    assertThat(reconcile.isAlive()).as("stopped without waiting for the hanging read").isFalse();
    assertThat(thrown.get()).hasMessageContaining("interrupted");
    assertThat(interruptKept).isTrue();
    release.countDown();
  }
}
