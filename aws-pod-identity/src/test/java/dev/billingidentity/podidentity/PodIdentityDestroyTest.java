package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** destroy(): what the library created, and only that. */
class PodIdentityDestroyTest {

  @Test
  void removesTheLibrarysAssociationsThenItsRoleAndKeepsSomeoneElsesAssociation() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    Fixtures.podIdentity(space).apply();
    Association theirs = space.aws().givenAssociation(space.clusterName(), space.hostNamespaces().get(0),
        "mxp-controller", "arn:aws:iam::123456789012:role/backup", Map.of());

    Plan plan = Fixtures.podIdentity(space).destroyPlan();
    assertThat(plan.changes()).extracting(Change::kind).containsExactly("DeletePodIdentityAssociation",
        "DeletePodIdentityAssociation", "DeletePodIdentityAssociation", "DeleteRolePolicy", "DeleteRole");
    Fixtures.podIdentity(space).destroy();

    assertThat(space.aws().associations(space.clusterName())).containsExactly(theirs);
    assertThat(space.aws().role(Fixtures.ROLE)).isEmpty();
    assertThat(space.aws().findAddon(space.clusterName(), "eks-pod-identity-agent")).isPresent();
    assertThat(Fixtures.podIdentity(space).destroyPlan().isEmpty()).isTrue();
  }

  @Test
  void keepsARoleWhoseTrustHoldsSomeoneElsesStatementAndRemovesOnlyThePodIdentityOne() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    Fixtures.podIdentity(space).apply();
    Statement ci = Statement.fromJson((com.fasterxml.jackson.databind.node.ObjectNode) PolicyDocument.parse("""
        {"Version":"2012-10-17","Statement":[{"Sid":"Ci","Effect":"Allow",
        "Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Action":"sts:AssumeRole"}]}""")
        .toJsonNode().get("Statement").get(0));
    PolicyDocument trust = PolicyDocument.parse(space.aws().role(Fixtures.ROLE).orElseThrow().trustPolicyJson());
    List<Statement> statements = new ArrayList<>(trust.statements());
    statements.add(0, ci);
    space.aws().setTrustPolicy(Fixtures.ROLE, trust.withStatements(statements).toJson());

    Fixtures.podIdentity(space).destroy();

    PolicyDocument after = PolicyDocument.parse(space.aws().role(Fixtures.ROLE).orElseThrow().trustPolicyJson());
    assertThat(after.statements()).containsExactly(ci);
    assertThat(after.statementsWithSidPrefix(BillingPolicies.OWNED_SID_PREFIX)).isEmpty();
    assertThat(space.aws().rolePolicies(Fixtures.ROLE)).isEmpty();
    assertThat(space.aws().associations(space.clusterName())).isEmpty();
  }

  @Test
  void oneHostNamespaceRemovesOnlyTheLibrarysAssociationThereAndKeepsTheRoleItsTrustAndItsPolicy() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    Fixtures.podIdentity(space).apply();
    List<String> ns = space.hostNamespaces();
    Association theirs = space.aws().givenAssociation(space.clusterName(), ns.get(0), "mxp-controller",
        "arn:aws:iam::123456789012:role/backup", Map.of());
    String trustBefore = space.aws().role(Fixtures.ROLE).orElseThrow().trustPolicyJson();

    Plan plan = Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(ns.get(0))).destroyPlan();
    Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(ns.get(0))).destroy();

    assertThat(plan.changes()).extracting(Change::kind).containsExactly("DeletePodIdentityAssociation");
    assertThat(plan.render()).contains("- delete pod identity association " + ns.get(0) + "/vector");
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("kept").contains(ns.get(1)).contains(ns.get(2)));
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("role " + Fixtures.ROLE).contains("kept")
        .contains("not the whole Space"));
    assertThat(Fixtures.ownedAssociations(space)).containsOnlyKeys(ns.get(1), ns.get(2));
    assertThat(space.aws().associations(space.clusterName())).contains(theirs);
    assertThat(space.aws().role(Fixtures.ROLE).orElseThrow().trustPolicyJson()).isEqualTo(trustBefore);
    assertThat(space.aws().rolePolicies(Fixtures.ROLE)).containsKey("billing-identity-s3");
  }

  @Test
  void aGroupIsAPartialSelectionAndSomeoneElsesAssociationThereIsKept() {
    FakeSpace space = FakeSpace.withControlPlanes(4).groups("team-a", "team-b").build();
    Fixtures.podIdentity(space).apply();
    List<String> teamA = space.controlPlanes().stream().filter(cp -> cp.group().orElseThrow().equals("team-a"))
        .map(cp -> cp.hostNamespace().orElseThrow()).toList();
    List<String> teamB = space.controlPlanes().stream().filter(cp -> cp.group().orElseThrow().equals("team-b"))
        .map(cp -> cp.hostNamespace().orElseThrow()).toList();
    // In team-a's first namespace, vector's association now belongs to someone else (not tagged as the library's).
    Association mine = Fixtures.ownedAssociations(space).get(teamA.get(0));
    space.aws().deletePodIdentityAssociation(space.clusterName(), mine.associationId());
    Association theirs = space.aws().givenAssociation(space.clusterName(), teamA.get(0), "vector",
        "arn:aws:iam::123456789012:role/other", Map.of());

    Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.discoveredInGroups("team-a")).destroy();

    assertThat(Fixtures.ownedAssociations(space)).containsOnlyKeys(teamB);
    assertThat(space.aws().associations(space.clusterName())).contains(theirs);
    assertThat(space.aws().role(Fixtures.ROLE)).isPresent();
    assertThat(space.aws().rolePolicies(Fixtures.ROLE)).containsKey("billing-identity-s3");
  }

  @Test
  void aPartialSelectionThatCoversEveryAssociationLeftStillKeepsTheRole() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    Fixtures.podIdentity(space).apply();

    Plan plan = Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(space.hostNamespaces()))
        .destroyPlan();
    Fixtures.podIdentity(space).forControlPlanes(ControlPlanes.hostNamespaces(space.hostNamespaces())).destroy();

    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("every association left")
        .contains("not the whole Space"));
    assertThat(Fixtures.ownedAssociations(space)).isEmpty();
    assertThat(Fixtures.statements(space, Fixtures.ROLE, BillingPolicies.POD_IDENTITY_SID))
        .containsExactly(Fixtures.expectedPodIdentityStatement(space));
    assertThat(space.aws().rolePolicies(Fixtures.ROLE)).containsKey("billing-identity-s3");
  }
}
