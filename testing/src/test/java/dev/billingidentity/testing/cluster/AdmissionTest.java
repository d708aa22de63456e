package dev.billingidentity.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The EKS webhooks' admission, as the in-memory cluster plays it: a pod gets credentials only when it is created after
 * its identity exists, and keeps what it had until a restart replaces it.
 */
class AdmissionTest {
  private static final String NS = "mxp-a-system";
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";
  private static final Instant T0 = Instant.parse("2026-11-28T19:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryAws aws = new InMemoryAws();
  private final InMemoryCluster cluster = new InMemoryCluster().clock(clock).podIdentityFrom(aws, "spaces-prod");

  private WorkloadRef vector(WorkloadKind kind) {
    cluster.givenNamespace(NS, Map.of());
    cluster.givenServiceAccount(NS, "vector", Map.of());
    return cluster.givenWorkload(kind, NS, "vector", "vector", 2);
  }

  @Test
  void podsRunningBeforeTheAnnotationKeepNoCredentialsUntilARestartReplacesThem() {
    WorkloadRef vector = vector(WorkloadKind.DEPLOYMENT);
    cluster.annotate(NS, "vector", IdentityEnv.ROLE_ARN_ANNOTATION, ROLE_ARN);

    assertThat(cluster.pods(NS)).hasSize(2).noneMatch(p -> IdentityEnv.hasCredentials(p.env()));

    clock.advance(Duration.ofMinutes(1));
    cluster.restart(vector, clock.instant());

    assertThat(cluster.pods(NS)).hasSize(2).allSatisfy(p -> {
      assertThat(p.env()).containsAllEntriesOf(IdentityEnv.irsa(ROLE_ARN))
          .doesNotContainKey(IdentityEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI);
      assertThat(p.createdAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    });
  }

  @Test
  void aRestartMakesNewPodsWithNewNames() {
    WorkloadRef vector = vector(WorkloadKind.DEPLOYMENT);
    Set<String> before = Set.copyOf(cluster.pods(NS).stream().map(PodInfo::name).toList());

    cluster.restart(vector, clock.instant());

    assertThat(cluster.pods(NS)).extracting(PodInfo::name).hasSize(2).doesNotContainAnyElementsOf(before)
        .allMatch(n -> n.matches("vector-[a-z0-9]{10}-[a-z0-9]{5}"));
    assertThat(cluster.restartedAt(vector)).contains(clock.instant());
  }

  @Test
  void statefulSetPodsKeepTheirOrdinalNamesButAreNew() {
    WorkloadRef vector = vector(WorkloadKind.STATEFULSET);
    clock.advance(Duration.ofSeconds(30));

    cluster.restart(vector, clock.instant());

    assertThat(cluster.pods(NS)).extracting(PodInfo::name).containsExactly("vector-0", "vector-1");
    assertThat(cluster.pods(NS)).allMatch(p -> p.createdAt().equals(T0.plusSeconds(30)));
  }

  @Test
  void aPodCreatedWhileAnAssociationExistsGetsPodIdentitysVariables() {
    aws.givenCluster("spaces-prod");
    WorkloadRef vector = vector(WorkloadKind.DEPLOYMENT);
    String role = aws.createRole(new NewRole("r", "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", "",
        Map.of())).arn();
    aws.createPodIdentityAssociation(new NewAssociation("spaces-prod", NS, "vector", role, Map.of()));

    assertThat(cluster.pods(NS)).noneMatch(p -> IdentityEnv.hasCredentials(p.env()));
    cluster.restart(vector, clock.instant());

    assertThat(cluster.pods(NS)).allSatisfy(p -> assertThat(p.env())
        .containsAllEntriesOf(IdentityEnv.podIdentity()).doesNotContainKey(IdentityEnv.AWS_ROLE_ARN));
  }

  @Test
  void podsKeepTheirCredentialsWhenTheAnnotationGoesAndLoseThemOnTheNextRestart() {
    cluster.givenNamespace(NS, Map.of());
    cluster.givenServiceAccount(NS, "vector", Map.of(IdentityEnv.ROLE_ARN_ANNOTATION, ROLE_ARN));
    WorkloadRef vector = cluster.givenWorkload(WorkloadKind.DEPLOYMENT, NS, "vector", "vector", 1,
        Map.of("VECTOR_LOG", "info"));

    cluster.annotate(NS, "vector", IdentityEnv.ROLE_ARN_ANNOTATION, null);
    assertThat(cluster.pods(NS)).singleElement().satisfies(p -> assertThat(p.env())
        .containsAllEntriesOf(IdentityEnv.irsa(ROLE_ARN)).containsEntry("VECTOR_LOG", "info"));

    cluster.restart(vector, clock.instant());
    assertThat(cluster.pods(NS)).singleElement().satisfies(p -> assertThat(p.env())
        .containsOnly(Map.entry("VECTOR_LOG", "info")));
  }

  @Test
  void aStuckRolloutReplacesNoPodAndTimesOutUntilARestartGoesThrough() {
    WorkloadRef vector = vector(WorkloadKind.DEPLOYMENT);
    cluster.annotate(NS, "vector", IdentityEnv.ROLE_ARN_ANNOTATION, ROLE_ARN);
    cluster.stuck(vector, true);

    cluster.awaitRollout(vector, Duration.ofSeconds(1)); // nothing is rolling out yet
    cluster.restart(vector, clock.instant());

    assertThat(cluster.pods(NS)).noneMatch(p -> IdentityEnv.hasCredentials(p.env()));
    assertThat(cluster.workload(vector)).hasValueSatisfying(w -> assertThat(w.rolloutComplete()).isFalse());
    assertThatThrownBy(() -> cluster.awaitRollout(vector, Duration.ofSeconds(1)))
        .isInstanceOf(ClusterApiException.class).hasMessageContaining("deployment/vector -n " + NS)
        .satisfies(e -> assertThat(((ClusterApiException) e).reason()).isEqualTo(ClusterApiException.Reason.TIMEOUT));

    cluster.stuck(vector, false);
    assertThatThrownBy(() -> cluster.awaitRollout(vector, Duration.ofSeconds(1)))
        .isInstanceOf(ClusterApiException.class);
    cluster.restart(vector, clock.instant());
    cluster.awaitRollout(vector, Duration.ofSeconds(1));
    assertThat(cluster.pods(NS)).allMatch(p -> IdentityEnv.hasCredentials(p.env()));
  }

  @Test
  void restartingAWorkloadThatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> cluster.restart(new WorkloadRef(WorkloadKind.STATEFULSET, NS, "vector"), T0))
        .isInstanceOf(ClusterApiException.class).hasMessageContaining("statefulsets.apps \"vector\" not found")
        .satisfies(e -> assertThat(((ClusterApiException) e).reason())
            .isEqualTo(ClusterApiException.Reason.NOT_FOUND));
  }
}
