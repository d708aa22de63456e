package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
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
}
