package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the library deletes and what it never touches: only its own associations, of control planes that are gone. */
class PodIdentityPruneTest {
  private static final String THEIR_ROLE = "arn:aws:iam::123456789012:role/platform-backup";

  @Test
  void prunesOnlyTheLibrarysAssociationsOfVanishedControlPlanes() {
    FakeSpace space = FakeSpace.withControlPlanes(5).build();
    Fixtures.podIdentity(space).apply();
    String vanishing = space.hostNamespaces().get(0);
    String alsoVanishing = space.hostNamespaces().get(1);
    // Someone else's associations: another service account in the same namespace, and vector in a namespace that
    // never was a control plane's.
    Association sameNamespace = space.aws().givenAssociation(space.clusterName(), vanishing, "mxp-controller",
        THEIR_ROLE, Map.of());
    Association foreignVector = space.aws().givenAssociation(space.clusterName(), "legacy-billing", "vector",
        THEIR_ROLE, Map.of());
    space.removeControlPlane(vanishing);
    space.removeControlPlane(alsoVanishing);

    Plan plan = Fixtures.podIdentity(space).plan();
    assertThat(plan.changes()).extracting(Change::kind)
        .containsExactly("DeletePodIdentityAssociation", "DeletePodIdentityAssociation");
    Fixtures.podIdentity(space).apply(plan);

    List<Association> left = space.aws().associations(space.clusterName());
    assertThat(left).extracting(Association::associationId)
        .contains(sameNamespace.associationId(), foreignVector.associationId());
    assertThat(Fixtures.ownedAssociations(space).keySet())
        .containsExactlyInAnyOrderElementsOf(space.hostNamespaces());
    assertThat(left).hasSize(3 + 2);
  }

  @Test
  void keepsTheAssociationsOfVanishedControlPlanesWhenPruningIsOff() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    Fixtures.podIdentity(space).apply();
    String vanishing = space.hostNamespaces().get(0);
    space.removeControlPlane(vanishing);

    Plan plan = Fixtures.podIdentity(space, Fixtures.settings().prune(false).build()).plan();

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("pruning is off").contains(vanishing));
  }

  @Test
  void choosingSomeGroupsDoesNotPruneTheOthers() {
    FakeSpace space = FakeSpace.withControlPlanes(4).groups("team-a", "team-b").build();
    Fixtures.podIdentity(space).apply();

    Plan plan = Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.discoveredInGroups("team-a")).plan();

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void aForeignAssociationNamingAnotherRoleIsReportedNeverTouchedNorDuplicated() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    String taken = space.hostNamespaces().get(1);
    Association theirs = space.aws().givenAssociation(space.clusterName(), taken, "vector", THEIR_ROLE,
        Map.of("owner", "platform"));

    ApplyResult result = Fixtures.podIdentity(space).apply();

    assertThat(result.plan().notes()).anySatisfy(n -> assertThat(n).startsWith("conflict:")
        .contains(theirs.associationId()).contains(THEIR_ROLE));
    assertThat(space.aws().associations(space.clusterName())).hasSize(3);
    assertThat(space.aws().associationFor(space.clusterName(), taken, "vector")).contains(theirs);
    Finding finding = result.verification().about(taken).stream().filter(f -> f.check().equals("association"))
        .findFirst().orElseThrow();
    assertThat(finding.state()).isEqualTo(FindingState.DRIFTED);
    assertThat(finding.remedy()).contains("aws eks update-pod-identity-association --cluster-name spaces-prod "
        + "--association-id " + theirs.associationId() + " --role-arn " + Fixtures.ROLE_ARN);

    space.aws().calls().reset();
    Fixtures.podIdentity(space).apply();
    assertThat(space.aws().calls().writes()).isZero();
  }

  @Test
  void theLibrarysOwnAssociationNamingAnotherRoleIsUpdated() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    Fixtures.podIdentity(space).apply();
    Association ours = Fixtures.ownedAssociations(space).get(space.hostNamespaces().get(0));
    space.aws().updatePodIdentityAssociation(space.clusterName(), ours.associationId(), Fixtures.ROLE_ARN);
    space.aws().deletePodIdentityAssociation(space.clusterName(), ours.associationId());
    space.aws().givenAssociation(space.clusterName(), ours.namespace(), "vector", THEIR_ROLE, ours.tags());

    Plan plan = Fixtures.podIdentity(space).plan();
    assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(UpdateAssociation.class, u -> {
      assertThat(u.fromRoleArn()).isEqualTo(THEIR_ROLE);
      assertThat(u.toRoleArn()).isEqualTo(Fixtures.ROLE_ARN);
    });
    Fixtures.podIdentity(space).apply(plan);

    assertThat(space.aws().associationFor(space.clusterName(), ours.namespace(), "vector"))
        .hasValueSatisfying(a -> assertThat(a.roleArn()).isEqualTo(Fixtures.ROLE_ARN));
  }
}
