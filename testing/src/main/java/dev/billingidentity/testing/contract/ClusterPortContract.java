package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterPort} must do: discovery, one-shot observation, and restarts. */
public abstract class ClusterPortContract {
  protected abstract ClusterPort cluster();

  protected abstract ClusterFixture fixture();

  private static final String ID = "706c49fa-5bb8-4a7e-9f41-2fc38ef4b065";

  @Test
  void discoveryFindsControlPlanesAcrossGroupsWithBothHostNamespaceRulesAndReportsUnprovisionedOnes() {
    fixture().givenControlPlane("team-a", "billing", ID, null);
    fixture().givenControlPlane("team-b", "billing", "11111111-2222-3333-4444-555555555555", "custom-host");
    fixture().givenControlPlane("team-b", "fresh", null, null);

    List<ControlPlane> all = cluster().discoverControlPlanes(ControlPlaneQuery.all());
    List<ControlPlane> teamA = cluster().discoverControlPlanes(new ControlPlaneQuery(Set.of("team-a"), Map.of()));

    assertThat(all).contains(ControlPlane.provisioned("team-a", "billing", "mxp-" + ID + "-system"),
        ControlPlane.provisioned("team-b", "billing", "custom-host"));
    assertThat(all).anySatisfy(cp -> {
      assertThat(cp.displayName()).isEqualTo("team-b/fresh");
      assertThat(cp.provisioned()).isFalse();
    });
    assertThat(teamA).extracting(ControlPlane::displayName).containsExactly("team-a/billing");
  }

  @Test
  void observeReturnsOnlyTheAskedNamespacesThatExistWithServiceAccountsWorkloadsAndPodEnv() {
    fixture().givenNamespace("mxp-a-system");
    fixture().givenNamespace("unrelated");
    fixture().givenServiceAccount("mxp-a-system", "vector", Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/r"));
    fixture().givenServiceAccount("unrelated", "vector", Map.of());
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector", "vector",
        Map.of("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"));

    ClusterSnapshot snapshot = cluster().observe(Set.of("mxp-a-system", "mxp-gone-system"), "vector");

    assertThat(snapshot.existingNamespaces()).containsExactly("mxp-a-system");
    assertThat(snapshot.serviceAccount("mxp-a-system")).hasValueSatisfying(sa ->
        assertThat(sa.annotations()).containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/r"));
    assertThat(snapshot.serviceAccount("unrelated")).isEmpty();
    assertThat(snapshot.workloads("mxp-a-system")).extracting(w -> w.ref()).containsExactly(vector);
    assertThat(snapshot.pods("mxp-a-system")).singleElement().satisfies(p -> {
      assertThat(p.env()).containsEntry("AWS_ROLE_ARN", "arn:aws:iam::1:role/r");
      assertThat(p.serviceAccount()).isEqualTo("vector");
    });
  }

  @Test
  void aRestartStampsTheWorkloadAndItsRolloutCompletes() {
    fixture().givenNamespace("mxp-a-system");
    WorkloadRef vector = fixture().givenWorkload(WorkloadKind.STATEFULSET, "mxp-a-system", "vector", "vector", Map.of());
    Instant at = Instant.parse("2026-11-28T19:00:00Z");

    cluster().restart(vector, at);
    cluster().awaitRollout(vector, Duration.ofSeconds(5));

    assertThat(fixture().restartedAt(vector)).isNotNull().startsWith("2026-11-28T19:00:00");
  }

  @Test
  void restartingAWorkloadThatDoesNotExistIsNotFoundAndNamesIt() {
    fixture().givenNamespace("mxp-a-system");
    WorkloadRef missing = new WorkloadRef(WorkloadKind.DEPLOYMENT, "mxp-a-system", "vector");

    assertThatThrownBy(() -> cluster().restart(missing, Instant.now()))
        .isInstanceOf(ClusterApiException.class)
        .hasMessageContaining("vector")
        .satisfies(e -> assertThat(((ClusterApiException) e).reason()).isEqualTo(ClusterApiException.Reason.NOT_FOUND));
  }
}
