package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Someone else changes EKS while an apply runs: the verification after it reports what EKS holds then, never what
 * the plan read before, and a plan never prunes on a view of the Space older than its list of associations.
 */
class PodIdentityChangesDuringApplyTest {
  private static final String OTHER_ROLE_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

  private static Association held(FakeSpace space, String namespace) {
    return space.aws().associationFor(space.clusterName(), namespace, "vector").orElseThrow();
  }

  private static FindingState associationState(ApplyResult result, String namespace) {
    return result.verification().about(namespace).stream().filter(f -> f.check().equals("association"))
        .map(Finding::state).findFirst().orElseThrow();
  }

  @Test
  void anAssociationDeletedBySomeoneElseDuringTheApplyIsReportedMissing() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String victim = space.hostNamespaces().get(3);
    space.addControlPlane("default"); // so that the apply has a create to make
    space.aws().faults().beforeCall("CreatePodIdentityAssociation", 1,
        () -> space.aws().deletePodIdentityAssociation(space.clusterName(), held(space, victim).associationId()));

    ApplyResult result = podIdentity.apply();

    assertThat(space.aws().associationFor(space.clusterName(), victim, "vector")).isEmpty();
    assertThat(associationState(result, victim)).isEqualTo(FindingState.MISSING);
  }

  @Test
  void anAssociationReplacedBySomeoneElseDuringTheApplyIsReportedDrifted() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String victim = space.hostNamespaces().get(3);
    space.addControlPlane("default");
    space.aws().faults().beforeCall("CreatePodIdentityAssociation", 1, () -> {
      space.aws().deletePodIdentityAssociation(space.clusterName(), held(space, victim).associationId());
      space.aws().givenAssociation(space.clusterName(), victim, "vector", "arn:aws:iam::123456789012:role/other",
          Map.of("team", "someone-else"));
    });

    ApplyResult result = podIdentity.apply();

    assertThat(associationState(result, victim)).isEqualTo(FindingState.DRIFTED);
  }

  /**
   * The one change the verification after an apply cannot see (BENCHMARKS.md, "Rate-limited apply and reads per
   * association"): someone else points an association the plan left untouched at another role, in place, during the
   * apply. {@code UpdatePodIdentityAssociation} keeps the id and the list carries no role, so the verification's fresh
   * list shows the same association, and it reports what the plan described. The next verification and the next
   * apply describe afresh: the first reports the drift, the second repairs it.
   */
  @Test
  void anAssociationPointedElsewhereInPlaceDuringTheApplyIsSeenByTheNextVerificationAndRepairedByTheNextApply() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String victim = space.hostNamespaces().get(3);
    String otherRole = "arn:aws:iam::123456789012:role/other";
    space.aws().givenRole("other", OTHER_ROLE_TRUST, Map.of());
    space.addControlPlane("default");
    space.aws().faults().beforeCall("CreatePodIdentityAssociation", 1, () -> space.aws()
        .updatePodIdentityAssociation(space.clusterName(), held(space, victim).associationId(), otherRole));

    ApplyResult result = podIdentity.apply();

    assertThat(held(space, victim).roleArn()).isEqualTo(otherRole);
    assertThat(associationState(result, victim)).as("what the plan described, the id unchanged")
        .isEqualTo(FindingState.OK);
    assertThat(podIdentity.verify().about(victim)).filteredOn(f -> f.check().equals("association"))
        .singleElement().extracting(Finding::state).isEqualTo(FindingState.DRIFTED);
    ApplyResult repaired = podIdentity.apply();
    assertThat(repaired.plan().changes()).singleElement().isInstanceOf(UpdateAssociation.class);
    assertThat(associationState(repaired, victim)).isEqualTo(FindingState.OK);
    assertThat(held(space, victim).roleArn()).isEqualTo(Fixtures.ROLE_ARN);
  }

  @Test
  void anAssociationDeletedDuringTheRestartsIsReportedMissing() {
    FakeSpace space = FakeSpace.withControlPlanes(5).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String victim = space.hostNamespaces().get(2);
    space.cluster().faults().beforeCall("patchDeployment", 1,
        () -> space.aws().deletePodIdentityAssociation(space.clusterName(), held(space, victim).associationId()));

    ApplyResult restarted = podIdentity.restartStale();

    assertThat(restarted.applied()).isNotEmpty();
    assertThat(associationState(restarted, victim)).isEqualTo(FindingState.MISSING);
  }

  @Test
  void theAssociationOfAControlPlaneThatAppearedWhileThePlanListedIsNotPruned() {
    FakeSpace space = FakeSpace.withControlPlanes(5).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();
    String[] late = new String[1];
    // Another applier (the operator, another CLI) sees a new control plane and creates its association while this
    // plan lists; if this plan's view of the Space were older than its list, that association would look orphaned.
    space.aws().faults().latency("ListPodIdentityAssociations", Duration.ofMillis(500));
    space.aws().faults().beforeCall("ListPodIdentityAssociations", 1, () -> {
      late[0] = space.addControlPlane("default");
      space.aws().givenAssociation(space.clusterName(), late[0], "vector", Fixtures.ROLE_ARN,
          Ownership.tags(space.clusterName()));
    });

    ApplyResult result = podIdentity.apply();

    assertThat(result.plan().changes()).noneMatch(c -> c instanceof DeleteAssociation);
    assertThat(space.aws().associationFor(space.clusterName(), late[0], "vector")).isPresent();
  }
}
