package dev.billingidentity.irsa;

import static dev.billingidentity.irsa.IrsaApplyTest.SETTINGS;
import static dev.billingidentity.irsa.IrsaApplyTest.irsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * destroy() of a selection of control planes: a partial selection (host namespaces, groups) removes only its
 * control planes' subjects and keeps the role; the role goes only when the whole Space is destroyed.
 */
class IrsaDestroyTest {
  private static final String FOREIGN = "{\"Sid\":\"CiDeploy\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/ci\"},\"Action\":\"sts:AssumeRole\","
      + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":true}}}";

  private static PolicyDocument trust(FakeSpace space) {
    return PolicyDocument.parse(space.aws().role("spaces-billing").orElseThrow().trustPolicyJson());
  }

  private static List<String> subjects(FakeSpace space) {
    OidcIssuer issuer = OidcIssuer.of(space.aws().describeCluster(FakeSpace.CLUSTER).oidcIssuer().orElseThrow());
    return BillingPolicies.irsaSubjects(trust(space), issuer);
  }

  private static String subject(String ns) {
    return "system:serviceaccount:" + ns + ":vector";
  }

  @Test
  void oneHostNamespaceRemovesOnlyItsSubjectAndKeepsTheRoleAndItsPolicy() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    irsa(space, SETTINGS).apply();
    List<String> ns = space.hostNamespaces();

    Plan plan = irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(ns.get(0))).destroyPlan();
    long writesBefore = space.aws().calls().writes();
    irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(ns.get(0))).destroy();

    // The plan says what goes and what stays before anything is removed.
    assertThat(plan.changes()).extracting(Change::kind).containsExactly("UpdateTrustPolicy");
    assertThat(plan.render()).contains("remove 1 subject: " + subject(ns.get(0)))
        .doesNotContain("delete role");
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("kept").contains(subject(ns.get(1)))
        .contains(subject(ns.get(2))));
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("role spaces-billing").contains("kept")
        .contains("not the whole Space"));
    assertThat(space.aws().calls().writes() - writesBefore).isEqualTo(1);
    assertThat(subjects(space)).containsExactly(subject(ns.get(1)), subject(ns.get(2)));
    assertThat(space.aws().rolePolicies("spaces-billing")).containsKey("billing-identity-s3");
    assertThat(space.aws().oidcProviders()).hasSize(1);
  }

  @Test
  void aGroupIsAPartialSelection() {
    FakeSpace space = FakeSpace.withControlPlanes(4).groups("team-a", "team-b").build();
    irsa(space, SETTINGS).apply();
    List<String> teamA = space.controlPlanes().stream().filter(cp -> cp.group().orElseThrow().equals("team-a"))
        .map(cp -> cp.hostNamespace().orElseThrow()).toList();
    List<String> teamB = space.controlPlanes().stream().filter(cp -> cp.group().orElseThrow().equals("team-b"))
        .map(cp -> cp.hostNamespace().orElseThrow()).toList();

    irsa(space, SETTINGS).forControlPlanes(ControlPlanes.discoveredInGroups("team-a")).destroy();

    assertThat(subjects(space)).containsExactlyInAnyOrderElementsOf(teamB.stream().map(IrsaDestroyTest::subject).toList())
        .doesNotContainAnyElementsOf(teamA.stream().map(IrsaDestroyTest::subject).toList());
    assertThat(space.aws().rolePolicies("spaces-billing")).containsKey("billing-identity-s3");
  }

  @Test
  void labelsAreAPartialSelectionToo() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    String labelled = space.cluster().givenControlPlane("default", "billing-a", "0a0a0a0a-0000-0000-0000-00000000000a",
        null, java.util.Map.of("team", "a")).orElseThrow();
    space.cluster().givenServiceAccount(labelled, "vector", java.util.Map.of());
    irsa(space, SETTINGS).apply();

    irsa(space, SETTINGS).forControlPlanes(ControlPlanes.discoveredWithLabels(java.util.Map.of("team", "a")))
        .destroy();

    assertThat(subjects(space)).containsExactlyInAnyOrderElementsOf(
        space.hostNamespaces().stream().map(IrsaDestroyTest::subject).toList());
    assertThat(subjects(space)).doesNotContain(subject(labelled));
    assertThat(space.aws().rolePolicies("spaces-billing")).containsKey("billing-identity-s3");
  }

  @Test
  void aPartialSelectionThatCoversEverySubjectLeftStillKeepsTheRoleAndForeignStatements() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    space.aws().givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[" + FOREIGN + "]}",
        Ownership.tags(FakeSpace.CLUSTER));
    irsa(space, SETTINGS).apply();

    Plan plan = irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(space.hostNamespaces()))
        .destroyPlan();
    irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(space.hostNamespaces())).destroy();

    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("every subject left")
        .contains("not the whole Space"));
    assertThat(trust(space).statements()).singleElement().satisfies(s -> assertThat(s.toString()).isEqualTo(FOREIGN));
    assertThat(space.aws().role("spaces-billing")).isPresent();
    assertThat(space.aws().rolePolicies("spaces-billing")).containsKey("billing-identity-s3");
  }

  @Test
  void aPartialSelectionThatWouldLeaveTheTrustEmptyIsRefusedBeforeAnyWrite() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    irsa(space, SETTINGS).apply();
    String ns = space.hostNamespaces().get(0);
    long writesBefore = space.aws().calls().writes();

    Plan plan = irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(ns)).destroyPlan();

    assertThat(plan.blocker()).isPresent();
    assertThatThrownBy(() -> irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(ns)).destroy())
        .isInstanceOf(BillingIdentityException.class)
        .hasMessageContaining("spaces-billing").hasMessageContaining(subject(ns))
        .hasMessageContaining("no statement").hasMessageContaining("ControlPlanes.discovered()");
    assertThat(space.aws().calls().writes()).isEqualTo(writesBefore);
    assertThat(subjects(space)).containsExactly(subject(ns));
  }

  @Test
  void theOptedInPatternStatementSurvivesAPartialDestroyAndTheNoteSaysItStillTrustsTheSelection() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    irsa(space, SETTINGS.withAllowHostNamespacePattern(true)).apply();
    PolicyDocument before = trust(space);
    String ns = space.hostNamespaces().get(0);

    Plan plan = irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(ns)).destroyPlan();
    irsa(space, SETTINGS).forControlPlanes(ControlPlanes.hostNamespaces(ns)).destroy();

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("pattern").contains(ns));
    assertThat(trust(space)).isEqualTo(before);
    assertThat(space.aws().rolePolicies("spaces-billing")).containsKey("billing-identity-s3");
  }

  @Test
  void theWholeSpaceRemovesEverySubjectAndTheRoleEvenOfControlPlanesThatAreGone() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    irsa(space, SETTINGS).apply();
    space.removeControlPlane(space.hostNamespaces().get(0));

    Plan plan = irsa(space, SETTINGS).forControlPlanes(ControlPlanes.discovered()).destroyPlan();
    irsa(space, SETTINGS).forControlPlanes(ControlPlanes.discovered()).destroy();

    assertThat(plan.changes()).extracting(Change::kind).containsExactly("DeleteRolePolicy", "DeleteRole");
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("whole Space"));
    assertThat(space.aws().role("spaces-billing")).isEmpty();
  }
}
