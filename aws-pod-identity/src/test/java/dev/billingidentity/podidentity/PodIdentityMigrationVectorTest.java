package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.testing.FakeSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration from IRSA refuses to start while a control plane runs a vector too old for Pod Identity: its pods
 * would lose their credentials when restarted onto it. IRSA keeps serving meanwhile.
 */
class PodIdentityMigrationVectorTest {
  private static final String OLD = "timberio/vector:0.43.1-distroless-libc";

  @Test
  void stepOneIsRefusedBeforeAnyWriteNamingTheReleaseAndTheNamespaces() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    List<String> old = space.hostNamespaces().subList(0, 2);
    old.forEach(ns -> space.cluster().setImage(ns, OLD));
    IrsaSettings irsa = IrsaSetup.seed(space, Fixtures.ROLE, 4096);
    space.aws().trustPolicyQuota(4096);
    PodIdentityMigration migration = PodIdentityMigration.from(Fixtures.podIdentity(space), irsa);

    Plan plan = migration.plan(MigrationStep.CREATE_ASSOCIATIONS);

    assertThat(plan.blocker()).hasValueSatisfying(b -> assertThat(b.getMessage())
        .contains("2 control plane(s) run vector older than 0.46.0").contains(old.get(0)).contains(old.get(1))
        .doesNotContain(space.hostNamespaces().get(2)).contains("vector 0.43.1").contains("stay on IRSA"));
    assertThatThrownBy(() -> migration.apply(MigrationStep.CREATE_ASSOCIATIONS))
        .isInstanceOf(BillingIdentityException.class).hasMessageContaining("0.43.1")
        .hasMessageContaining(old.get(0));
    assertThat(space.aws().calls().writes()).isZero();
    assertThat(space.aws().associations(space.clusterName())).isEmpty();
    IrsaSetup.assertEveryPodHasWorkingCredentials(space);
    // The later steps refuse too: a pod restarted onto Pod Identity with this vector would get no credentials.
    assertThat(migration.plan(MigrationStep.DROP_ANNOTATION).blocker()).hasValueSatisfying(b ->
        assertThat(b.getMessage()).contains("older than 0.46.0"));

    old.forEach(ns -> space.cluster().setImage(ns, "timberio/vector:0.47.0-debian"));
    assertThat(migration.plan(MigrationStep.CREATE_ASSOCIATIONS).blocker()).isEmpty();
  }
}
