package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.ApplyFailedException;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.role.TrustPolicyQuotaException;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.verify.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The migration of a 20-control-plane IRSA Space to Pod Identity, step by step, checking between the steps that every
 * vector pod still has working credentials.
 */
class PodIdentityMigrationTest {
  private static final int CONTROL_PLANES = 20;
  private static final String IRSA_ROLE = "spaces-billing";
  private static final String OWN_ROLE = "spaces-billing-pod-identity";

  private static PodIdentityMigration migration(FakeSpace space, IrsaSettings irsa, String podIdentityRole) {
    PodIdentitySettings settings = Fixtures.settings().role(IamRole.named(podIdentityRole)).build();
    return PodIdentityMigration.from(Fixtures.podIdentity(space, settings), irsa);
  }

  /** Same role: the account's quota raised to 4,096 (and said so); own role: the default quota. */
  @ParameterizedTest(name = "Pod Identity on {0}")
  @ValueSource(strings = {IRSA_ROLE, OWN_ROLE})
  void migratesTwentyControlPlanesWithoutAPodEverLosingItsCredentials(String podIdentityRole) {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    boolean sameRole = podIdentityRole.equals(IRSA_ROLE);
    int quota = sameRole ? 4096 : 2048;
    space.aws().trustPolicyQuota(quota);
    IrsaSettings irsa = IrsaSetup.seed(space, IRSA_ROLE, quota);
    PodIdentityMigration migration = migration(space, irsa, podIdentityRole);
    String irsaRoleArn = space.aws().role(IRSA_ROLE).orElseThrow().arn();

    assertThat(migration.status().nextStep()).contains(MigrationStep.CREATE_ASSOCIATIONS);
    Plan create = migration.plan(MigrationStep.CREATE_ASSOCIATIONS);
    assertThat(create.blocker()).isEmpty();
    assertThat(create.changes()).filteredOn(c -> c instanceof CreateAssociation).hasSize(CONTROL_PLANES);
    assertThat(create.helmValues().roleArnAnnotation()).as("keep IRSA's values during step 1").contains(irsaRoleArn);
    assertThat(migration.plan(MigrationStep.DROP_ANNOTATION).blocker()).isPresent();
    assertThat(migration.plan(MigrationStep.REMOVE_IRSA_TRUST).blocker()).isPresent();
    assertThat(space.aws().calls().writes()).as("plans only read").isZero();

    // 1. The associations and the Pod Identity statement, beside IRSA.
    migration.apply(MigrationStep.CREATE_ASSOCIATIONS);
    assertThat(Fixtures.ownedAssociations(space)).hasSize(CONTROL_PLANES);
    assertThat(Fixtures.statements(space, IRSA_ROLE, BillingPolicies.IRSA_SID)).hasSize(1);
    assertThat(Fixtures.statements(space, podIdentityRole, BillingPolicies.POD_IDENTITY_SID)).hasSize(1);
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    assertThat(space.cluster().allPods()).allMatch(p -> PodCredentials.of(p) == PodCredentials.WEB_IDENTITY);
    assertThat(migration.status().nextStep()).contains(MigrationStep.DROP_ANNOTATION);

    // Nothing moves while the annotation stays: a restart would bring IRSA back, and IRSA's trust must stay.
    Plan restartTooEarly = migration.plan(MigrationStep.RESTART_WORKLOADS);
    assertThat(restartTooEarly.changes()).isEmpty();
    assertThat(restartTooEarly.notes()).anySatisfy(n -> assertThat(n).contains("annotation is still set"));
    space.aws().calls().reset();
    assertThatThrownBy(() -> migration.apply(MigrationStep.REMOVE_IRSA_TRUST))
        .hasMessageContaining("not removing the IRSA trust yet").hasMessageContaining("20 control plane(s)");
    assertThat(space.aws().calls().writes()).isZero();

    // 2. The Space's owner drops the annotation (helm upgrade with the values the step shows).
    Plan drop = migration.plan(MigrationStep.DROP_ANNOTATION);
    assertThat(drop.blocker()).isEmpty();
    assertThat(drop.changes()).isEmpty();
    assertThat(drop.helmValues()).isEqualTo(HelmValues.podIdentity(Fixtures.STORAGE));
    assertThat(drop.notes()).anySatisfy(n -> assertThat(n).contains("20 vector service account(s) still carry"));
    space.applyHelmValues(drop.helmValues());
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    assertThat(migration.status().nextStep()).contains(MigrationStep.RESTART_WORKLOADS);

    // 3. Restart: the new pods get Pod Identity's credentials only.
    ApplyResult restarted = migration.apply(MigrationStep.RESTART_WORKLOADS);
    assertThat(restarted.applied()).hasSize(CONTROL_PLANES).allMatch(c -> c.kind().equals("RestartWorkload"));
    assertThat(space.cluster().allPods()).hasSize(2 * CONTROL_PLANES)
        .allMatch(p -> PodCredentials.of(p) == PodCredentials.POD_IDENTITY);
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    assertThat(migration.status().nextStep()).contains(MigrationStep.REMOVE_IRSA_TRUST);

    // 4. On request: IRSA's trust goes.
    migration.apply(MigrationStep.REMOVE_IRSA_TRUST);
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    if (sameRole) {
      assertThat(Fixtures.statements(space, IRSA_ROLE, BillingPolicies.OWNED_SID_PREFIX))
          .containsExactly(Fixtures.expectedPodIdentityStatement(space));
      assertThat(space.aws().rolePolicies(IRSA_ROLE)).containsKey("billing-identity-s3");
    } else {
      assertThat(space.aws().role(IRSA_ROLE)).as("the IRSA role held nothing else").isEmpty();
    }
    MigrationStatus done = migration.status();
    assertThat(done.isComplete()).as(done.render()).isTrue();
    VerificationReport report = migration.podIdentity().verify();
    assertThat(report.isHealthy()).as(report.render()).isTrue();

    // Every step again: nothing left to write.
    space.aws().calls().reset();
    for (MigrationStep step : MigrationStep.values()) {
      assertThat(migration.apply(step).applied()).as(step.name()).isEmpty();
    }
    assertThat(space.aws().calls().writes()).isZero();
  }

  @Test
  void sharingTheRoleAtTheDefaultQuotaIsBlockedBeforeAnyWriteWithTheWaysOut() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    IrsaSettings irsa = IrsaSetup.seed(space, IRSA_ROLE, 2048);
    int irsaSize = dev.billingidentity.policy.PolicyDocument.parse(
        space.aws().role(IRSA_ROLE).orElseThrow().trustPolicyJson()).size();
    assertThat(irsaSize).as("20 exact subjects fit the default quota on their own").isLessThanOrEqualTo(2048);
    PodIdentityMigration migration = migration(space, irsa, IRSA_ROLE);

    Plan plan = migration.plan(MigrationStep.CREATE_ASSOCIATIONS);

    assertThat(plan.blocker()).containsInstanceOf(TrustPolicyQuotaException.class);
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("give Pod Identity a role of its own"));
    assertThatThrownBy(() -> migration.apply(MigrationStep.CREATE_ASSOCIATIONS))
        .isInstanceOf(TrustPolicyQuotaException.class);
    assertThat(space.aws().calls().writes()).isZero();
  }

  @Test
  void anInterruptedMigrationContinuesWhereItStopped() {
    FakeSpace space = FakeSpace.withControlPlanes(CONTROL_PLANES).build();
    IrsaSettings irsa = IrsaSetup.seed(space, IRSA_ROLE, 2048);
    PodIdentityMigration migration = migration(space, irsa, OWN_ROLE);

    space.aws().faults().failCall("CreatePodIdentityAssociation", 7,
        () -> new IllegalStateException("the operator's pod was evicted"));
    assertThatThrownBy(() -> migration.apply(MigrationStep.CREATE_ASSOCIATIONS))
        .isInstanceOf(ApplyFailedException.class);
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    assertThat(migration.status().nextStep()).contains(MigrationStep.CREATE_ASSOCIATIONS);
    migration.apply(MigrationStep.CREATE_ASSOCIATIONS);
    assertThat(space.aws().associations(space.clusterName())).hasSize(CONTROL_PLANES);

    space.applyHelmValues(migration.plan(MigrationStep.DROP_ANNOTATION).helmValues());
    WorkloadRef stuck = new WorkloadRef(WorkloadKind.DEPLOYMENT, space.hostNamespaces().get(3), "vector");
    space.cluster().stuck(stuck, true);
    assertThatThrownBy(() -> migration.apply(MigrationStep.RESTART_WORKLOADS))
        .isInstanceOf(ApplyFailedException.class).hasMessageContaining("rollout not complete");
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    assertThat(migration.status().remaining()).singleElement()
        .satisfies(s -> assertThat(s.hostNamespace()).isEqualTo(stuck.namespace()));

    space.cluster().stuck(stuck, false);
    assertThat(migration.apply(MigrationStep.RESTART_WORKLOADS).applied()).extracting(Change::describe)
        .singleElement().satisfies(d -> assertThat(d).contains(stuck.namespace()));
    migration.apply(MigrationStep.REMOVE_IRSA_TRUST);
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    assertThat(migration.status().isComplete()).isTrue();
  }

  @Test
  void theIrsaTrustStaysWhileControlPlanesOutsideTheMigrationUseIt() {
    FakeSpace space = FakeSpace.withControlPlanes(6).groups("team-a", "team-b").build();
    IrsaSettings irsa = IrsaSetup.seed(space, IRSA_ROLE, 2048);
    BillingIdentity teamA = Fixtures.podIdentity(space, Fixtures.settings().role(IamRole.named(OWN_ROLE)).build())
        .forControlPlanes(ControlPlanes.discoveredInGroups("team-a"));
    PodIdentityMigration migration = PodIdentityMigration.from(teamA, irsa);

    migration.apply(MigrationStep.CREATE_ASSOCIATIONS);
    space.applyHelmValues(migration.plan(MigrationStep.DROP_ANNOTATION).helmValues());
    migration.apply(MigrationStep.RESTART_WORKLOADS);
    assertThat(migration.status().remaining()).isEmpty();

    Plan remove = migration.plan(MigrationStep.REMOVE_IRSA_TRUST);
    assertThat(remove.blocker()).hasValueSatisfying(b -> assertThat(b.getMessage())
        .contains("also trusts control planes outside this migration"));
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
  }

  @Test
  void refusesSettingsOfAnotherClusterOrServiceAccount() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    IrsaSettings other = IrsaSettings.builder().cluster("another-cluster").role(IamRole.named(IRSA_ROLE))
        .storage(Fixtures.STORAGE).serviceAccount("collector").build();

    assertThatThrownBy(() -> PodIdentityMigration.from(Fixtures.podIdentity(space), other))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("irsa.cluster")
        .hasMessageContaining("irsa.serviceAccount");
  }
}
