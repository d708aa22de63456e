package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan or apply of a few host namespaces given explicitly (an operator handling the control plane that just came)
 * lists only those namespaces' associations, so that its AWS calls do not grow with the Space, and touches nothing
 * outside them.
 */
class PodIdentityScopedReadsTest {

  private static Map<String, Long> callsToAddOneControlPlane(int spaceSize) {
    FakeSpace space = FakeSpace.withControlPlanes(spaceSize).build();
    BillingIdentity all = Fixtures.podIdentity(space);
    all.apply();
    String added = space.addControlPlane("default");
    space.aws().calls().reset();

    ApplyResult result = all.forControlPlanes(ControlPlanes.hostNamespaces(added)).apply();

    assertThat(result.applied()).extracting(c -> c.kind()).containsExactly("CreatePodIdentityAssociation");
    assertThat(result.verification().isHealthy() || result.verification().staleWorkloads().size() == 1)
        .as(result.verification().render()).isTrue();
    return space.aws().calls().byOperation();
  }

  @Test
  void addingOneControlPlaneMakesTheSameCallsInASpaceOfFiveAndOfThreeHundred() {
    Map<String, Long> small = callsToAddOneControlPlane(5);
    Map<String, Long> large = callsToAddOneControlPlane(300);

    assertThat(large).isEqualTo(small);
    // the plan's list and the verification's, one namespace each
    assertThat(large.get("ListPodIdentityAssociations")).isEqualTo(2L);
  }

  @Test
  void anApplyOfAFewExplicitNamespacesTouchesNothingOutsideThem() {
    FakeSpace space = FakeSpace.withControlPlanes(4).build();
    Fixtures.podIdentity(space).apply();
    List<String> before = new ArrayList<>(space.hostNamespaces());
    String gone = before.get(0);
    space.removeControlPlane(gone);
    String added = space.addControlPlane("default");

    ApplyResult result = Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(added)).apply();

    assertThat(result.applied()).extracting(c -> c.kind()).containsExactly("CreatePodIdentityAssociation");
    // the gone control plane's association is the discovered Space's (or a destroy's) to remove
    assertThat(Fixtures.ownedAssociations(space)).containsKeys(gone, added, before.get(1), before.get(2), before.get(3));
  }

  @Test
  void aScopedPlanSaysTheClusterTotalIsNotCountedAndADestroyStillNamesWhatItKeeps() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    Fixtures.podIdentity(space).apply();
    String one = space.hostNamespaces().get(0);
    BillingIdentity scoped = Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(one));

    Plan plan = scoped.plan();
    Plan destroy = scoped.destroyPlan();

    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("only the host namespaces given were listed"));
    assertThat(destroy.changes()).extracting(c -> c.kind()).containsExactly("DeletePodIdentityAssociation");
    assertThat(destroy.notes()).anySatisfy(n -> assertThat(n).contains("2 host namespace(s) outside the selection"));
  }

  @Test
  void moreExplicitNamespacesThanTheScopedListingTakesListTheWholeCluster() {
    FakeSpace space = FakeSpace.withControlPlanes(AssociationInventory.MAX_SCOPED_NAMESPACES + 1).build();
    space.aws().calls().reset();

    Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(space.hostNamespaces())).plan();

    assertThat(space.aws().calls().count("ListPodIdentityAssociations")).isEqualTo(1);
  }
}
