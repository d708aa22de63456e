package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Pod Identity half of the guide, end to end over the in-memory fakes. */
class PodIdentityApplyTest {

  @ParameterizedTest(name = "{0} control plane(s)")
  @ValueSource(ints = {1, 100, 1000})
  void appliesTheGuideForEveryControlPlaneAndASecondApplyWritesNothing(int controlPlanes) {
    FakeSpace space = FakeSpace.withControlPlanes(controlPlanes).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);

    ApplyResult first = podIdentity.apply();

    Map<String, Association> owned = Fixtures.ownedAssociations(space);
    assertThat(owned.keySet()).containsExactlyInAnyOrderElementsOf(space.hostNamespaces());
    assertThat(owned.values()).allSatisfy(a -> {
      assertThat(a.serviceAccount()).isEqualTo("vector");
      assertThat(a.roleArn()).isEqualTo(Fixtures.ROLE_ARN);
    });
    assertThat(space.aws().associations(space.clusterName())).hasSize(controlPlanes);
    assertThat(Fixtures.statements(space, Fixtures.ROLE, BillingPolicies.POD_IDENTITY_SID))
        .containsExactly(Fixtures.expectedPodIdentityStatement(space));
    assertThat(Ownership.isOwned(space.aws().role(Fixtures.ROLE).orElseThrow().tags())).isTrue();
    assertThat(PolicyDocument.parse(space.aws().rolePolicies(Fixtures.ROLE).get("billing-identity-s3"))
        .isEquivalentTo(BillingPolicies.s3Access(Fixtures.STORAGE))).isTrue();
    assertThat(first.calls().writes()).isEqualTo(2 + controlPlanes); // CreateRole, PutRolePolicy, associations
    assertThat(first.helmValues().roleArnAnnotation()).isEmpty();
    assertThat(first.helmValues().setFlags()).contains("--set \"billing.storage.secretRef.name=\"");
    // The pods started before their association: verify says so, and restartStale moves them.
    assertThat(first.verification().staleWorkloads()).hasSize(controlPlanes);
    assertThat(first.plan().capacity()).hasValueSatisfying(c -> {
      assertThat(c.fits()).isTrue();
      assertThat(c.moreSubjectsThatFit()).isEqualTo(PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER - controlPlanes);
    });

    space.aws().calls().reset();
    ApplyResult second = podIdentity.apply();

    assertThat(second.applied()).isEmpty();
    assertThat(second.calls().writes()).isZero();
    assertThat(space.aws().calls().writes()).isZero();
  }

  @Test
  void theTrustIsMeasuredAgainstTheQuotaTheSettingsGiveAndABadQuotaIsRefused() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    space.aws().trustPolicyQuota(4096);

    Plan plan = Fixtures.podIdentity(space, Fixtures.settings().trustPolicyQuota(4096).build()).plan();

    assertThat(plan.capacity()).hasValueSatisfying(c -> assertThat(c.quota()).isEqualTo(4096));
    assertThatThrownBy(() -> Fixtures.settings().trustPolicyQuota(9000).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("trustPolicyQuota").hasMessageContaining("9000");
  }

  @Test
  void restartStaleMovesThePodsToPodIdentityAndThenTheSpaceIsHealthy() {
    FakeSpace space = FakeSpace.withControlPlanes(5).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);
    podIdentity.apply();

    ApplyResult restarted = podIdentity.restartStale();

    assertThat(restarted.applied()).hasSize(5).allMatch(c -> c.kind().equals("RestartWorkload"));
    assertThat(space.cluster().allPods()).hasSize(5)
        .allSatisfy(p -> assertThat(PodCredentials.of(p)).isEqualTo(PodCredentials.POD_IDENTITY));
    VerificationReport report = podIdentity.verify();
    assertThat(report.isHealthy()).as(report.render()).isTrue();
    assertThat(podIdentity.restartPlan().isEmpty()).isTrue();
  }

  @Test
  void moreThanFiveThousandAssociationsFailBeforeAnyWrite() {
    FakeSpace space = FakeSpace.withControlPlanes(PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER + 1).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space);

    Plan plan = podIdentity.plan();
    assertThat(plan.blocker()).containsInstanceOf(AssociationLimitException.class);
    assertThatThrownBy(podIdentity::apply).isInstanceOf(AssociationLimitException.class)
        .hasMessageContaining("5001 pod identity associations").hasMessageContaining("Nothing was written");
    assertThat(space.aws().calls().writes()).isZero();
    assertThat(space.aws().role(Fixtures.ROLE)).isEmpty();
  }

  @Test
  void theLimitCountsEveryAssociationOfTheClusterNotOnlyTheLibrarys() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    for (int i = 0; i < PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER - 1; i++) {
      space.aws().givenAssociation(space.clusterName(), "team-" + i, "app", "arn:aws:iam::123456789012:role/app",
          Map.of());
    }

    assertThatThrownBy(Fixtures.podIdentity(space)::apply).isInstanceOf(AssociationLimitException.class)
        .hasMessageContaining("4999 existing + 2 to create");
    assertThat(space.aws().calls().writes()).isZero();
  }

  @Test
  void aMissingAgentAddonBlocksThePlanWithTheCommandThatInstallsIt() {
    FakeSpace space = FakeSpace.withControlPlanes(2).podIdentityAgent(false).build();

    assertThatThrownBy(Fixtures.podIdentity(space)::apply).isInstanceOf(AgentAddonMissingException.class)
        .hasMessageContaining("aws eks create-addon --cluster-name spaces-prod --addon-name eks-pod-identity-agent");
    assertThat(space.aws().calls().writes()).isZero();
    assertThat(Fixtures.podIdentity(space).verify().about("addon"))
        .singleElement().satisfies(f -> assertThat(f.state()).isEqualTo(FindingState.MISSING));
  }

  @Test
  void installsTheAgentAddonWhenAllowed() {
    FakeSpace space = FakeSpace.withControlPlanes(2).podIdentityAgent(false).build();
    BillingIdentity podIdentity = Fixtures.podIdentity(space, Fixtures.settings().installAgentAddon(true).build());

    Plan plan = podIdentity.plan();
    assertThat(plan.changes()).extracting(Change::kind).containsExactly("CreateRole", "PutRolePolicy", "CreateAddon",
        "CreatePodIdentityAssociation", "CreatePodIdentityAssociation");
    ApplyResult result = podIdentity.apply(plan);

    assertThat(space.aws().findAddon(space.clusterName(), PodIdentitySettings.AGENT_ADDON)).isPresent();
    assertThat(result.verification().about("addon")).allMatch(f -> f.isOk());
  }

  @Test
  void thePlanReadsAndIsPrintableAndSerialisable() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    Plan plan = Fixtures.podIdentity(space).plan();

    assertThat(space.aws().calls().writes()).isZero();
    assertThat(plan.mode()).isEqualTo(IdentityMode.POD_IDENTITY);
    assertThat(plan.render()).contains("+ create role spaces-billing")
        .contains("+ create pod identity association " + space.hostNamespaces().get(0) + "/vector -> "
            + Fixtures.ROLE_ARN);
    assertThat(plan.toJson().path("changes").get(2).path("change").asText())
        .isEqualTo("CreatePodIdentityAssociation");
    assertThat(plan.toJson().path("changes").get(2).path("tags").path(Ownership.TAG_KEY).asText())
        .isEqualTo(Ownership.TAG_VALUE);
    assertThat(plan.toJson().path("changes").get(0).path("trustPolicy").toString())
        .contains("pods.eks.amazonaws.com").contains("aws:SourceAccount").contains("aws:SourceArn");
  }

  @Test
  void isFoundByServiceLoaderForPodIdentityMode() {
    assertThat(ServiceLoader.load(dev.billingidentity.spi.IdentityStrategy.class).stream()
        .map(ServiceLoader.Provider::get).filter(s -> s.mode() == IdentityMode.POD_IDENTITY))
        .singleElement().isInstanceOf(PodIdentityStrategy.class);
  }
}
