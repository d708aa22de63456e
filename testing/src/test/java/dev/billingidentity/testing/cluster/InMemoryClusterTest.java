package dev.billingidentity.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterApiException;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadKind;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cluster fake's requests, seeding and faults. */
class InMemoryClusterTest {
  private final InMemoryCluster cluster = new InMemoryCluster();

  private Set<String> controlPlanes(int n) {
    Set<String> namespaces = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String ns = cluster.givenControlPlane("default", "ctp-" + i, "id-" + i, null, Map.of()).orElseThrow();
      cluster.givenServiceAccount(ns, "vector", Map.of());
      cluster.givenWorkload(WorkloadKind.DEPLOYMENT, ns, "vector", "vector", 1);
      namespaces.add(ns);
    }
    return namespaces;
  }

  @Test
  void readsAreAFixedNumberOfListsWhateverTheNumberOfControlPlanes() {
    Set<String> few = controlPlanes(2);
    cluster.discoverControlPlanes(ControlPlaneQuery.all());
    cluster.observe(few, "vector");
    long forTwo = cluster.requests().total();

    cluster.requests().reset();
    Set<String> many = controlPlanes(200);
    cluster.discoverControlPlanes(ControlPlaneQuery.all());
    ClusterSnapshot snapshot = cluster.observe(many, "vector");

    assertThat(snapshot.pods()).hasSize(200);
    assertThat(cluster.requests().total()).isEqualTo(forTwo).isEqualTo(7);
    assertThat(cluster.requests().writes()).isZero();
  }

  @Test
  void seedingMakesNoRequest() {
    controlPlanes(3);
    cluster.annotate("mxp-id-0-system", "vector", "k", "v");
    cluster.pods("mxp-id-0-system");

    assertThat(cluster.requests().total()).isZero();
  }

  @Test
  void aProvisionedControlPlaneGetsItsLabelledHostNamespaceAndAPendingOneNone() {
    cluster.givenControlPlane("team-a", "fresh", null, null, Map.of());

    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all()))
        .containsExactly(ControlPlane.pending("team-a", "fresh"));
    assertThat(cluster.observe(Set.of("mxp-42-system"), "vector").existingNamespaces()).isEmpty();

    String ns = cluster.provision("team-a", "fresh", "42");

    assertThat(ns).isEqualTo("mxp-42-system");
    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all()))
        .containsExactly(ControlPlane.provisioned("team-a", "fresh", ns));
    assertThat(cluster.observe(Set.of(ns), "vector").existingNamespaces()).containsExactly(ns);
  }

  @Test
  void deletingAControlPlaneDeletesItsHostNamespaceWithEverythingInIt() {
    Set<String> namespaces = controlPlanes(1);
    String ns = namespaces.iterator().next();

    cluster.deleteControlPlane("default", "ctp-0");

    assertThat(cluster.discoverControlPlanes(ControlPlaneQuery.all())).isEmpty();
    ClusterSnapshot snapshot = cluster.observe(namespaces, "vector");
    assertThat(snapshot.existingNamespaces()).isEmpty();
    assertThat(cluster.pods(ns)).isEmpty();
    assertThatThrownBy(() -> cluster.deleteControlPlane("default", "ctp-0")).isInstanceOf(ClusterApiException.class);
  }

  @Test
  void requestFaultsFailAsTheApiServerDoes() {
    Set<String> namespaces = controlPlanes(1);
    cluster.faults().throttleNext("listPods", 1).failCall("patchDeployment", 1);

    assertThatThrownBy(() -> cluster.observe(namespaces, "vector")).isInstanceOf(ClusterApiException.class)
        .hasMessageContaining("429");
    assertThatThrownBy(() -> cluster.restart(new dev.billingidentity.spi.cluster.WorkloadRef(WorkloadKind.DEPLOYMENT,
        namespaces.iterator().next(), "vector"), java.time.Instant.now())).isInstanceOf(ClusterApiException.class)
        .hasMessageContaining("500");
    assertThat(cluster.observe(namespaces, "vector").pods()).hasSize(1);
  }

  // ---------------------------------------------------------------- token requests

  @Test
  void aTokenRequestIsOneWriteIssuedOnTheClockAndTheTokenNamesTheServiceAccountsCurrentUid() throws Exception {
    cluster.clock(java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T19:00:00Z"), java.time.ZoneOffset.UTC));
    cluster.givenNamespace("mxp-a-system", Map.of());
    cluster.givenServiceAccount("mxp-a-system", "vector", Map.of());
    String firstUid = cluster.serviceAccountUid("mxp-a-system", "vector").orElseThrow();
    cluster.deleteServiceAccount("mxp-a-system", "vector");
    cluster.givenServiceAccount("mxp-a-system", "vector", Map.of());
    String uid = cluster.serviceAccountUid("mxp-a-system", "vector").orElseThrow();

    String token = cluster.requestServiceAccountToken("mxp-a-system", "vector", "sts.amazonaws.com",
        java.time.Duration.ofMinutes(10));

    assertThat(uid).isNotEqualTo(firstUid);
    Map<String, Object> claims = com.nimbusds.jose.JWSObject.parse(token).getPayload().toJSONObject();
    assertThat(claims).containsEntry("iat", 1795892400L).containsEntry("iss", cluster.issuer().url())
        .containsEntry("kubernetes.io", Map.of("namespace", "mxp-a-system",
            "serviceaccount", Map.of("name", "vector", "uid", uid)));
    assertThat(cluster.requests().count("createServiceAccountToken")).isEqualTo(1);
    assertThat(cluster.requests().writes()).isEqualTo(1);
  }

  @Test
  void tokensAreSignedByTheIssuerTheClusterIsGiven() throws Exception {
    ServiceAccountIssuer eks = new ServiceAccountIssuer("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC");
    cluster.issuer(eks).givenNamespace("ns", Map.of()).givenServiceAccount("ns", "vector", Map.of());

    String token = cluster.requestServiceAccountToken("ns", "vector", "sts.amazonaws.com",
        java.time.Duration.ofMinutes(10));

    assertThat(com.nimbusds.jose.JWSObject.parse(token).verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
        eks.publicKey()))).isTrue();
  }

  @Test
  void aDeletedNamespaceTakesItsServiceAccountsTokensWithIt() {
    cluster.givenNamespace("ns", Map.of()).givenServiceAccount("ns", "vector", Map.of());
    cluster.deleteNamespace("ns");

    assertThatThrownBy(() -> cluster.requestServiceAccountToken("ns", "vector", "sts.amazonaws.com",
        java.time.Duration.ofMinutes(10)))
        .isInstanceOfSatisfying(ClusterApiException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterApiException.Reason.NOT_FOUND))
        .hasMessageContaining("serviceaccounts \"vector\" not found");
  }
}
