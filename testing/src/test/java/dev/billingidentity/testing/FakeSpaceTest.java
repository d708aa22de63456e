package dev.billingidentity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.testing.cluster.IdentityEnv;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A whole Space in one line, the same in every run, wired so pods get the identity AWS and the chart give them. */
class FakeSpaceTest {
  @Test
  void aSpaceOfTwentyControlPlanesInOneLine() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();

    assertThat(space.hostNamespaces()).hasSize(20).first()
        .isEqualTo("mxp-706c49fa-5bb8-4a7e-0000-000000000000-system");
    assertThat(space.cluster().discoverControlPlanes(ControlPlaneQuery.all())).hasSize(20)
        .allMatch(ControlPlane::provisioned);
    assertThat(space.cluster().observe(Set.copyOf(space.hostNamespaces()), "vector").pods()).hasSize(20)
        .noneMatch(p -> IdentityEnv.hasCredentials(p.env()));
    assertThat(space.aws().describeCluster(FakeSpace.CLUSTER).oidcIssuer()).contains(space.issuerUrl());
    assertThat(space.aws().findAddon(FakeSpace.CLUSTER, FakeSpace.POD_IDENTITY_AGENT)).isPresent();
  }

  @Test
  void controlPlaneIdsAndIssuersAreTheSameInEveryRun() {
    FakeSpace one = FakeSpace.withControlPlanes(3).build();
    FakeSpace two = FakeSpace.withControlPlanes(3).build();

    assertThat(one.hostNamespaces()).isEqualTo(two.hostNamespaces());
    assertThat(one.issuerUrl()).isEqualTo(two.issuerUrl());
  }

  @Test
  void theBuilderShapesTheSpace() {
    FakeSpace space = FakeSpace.withControlPlanes(4).groups("team-a", "team-b").vectorAsStatefulSet()
        .podIdentityAgent(false).clusterName("other").build();

    assertThat(space.controlPlanes()).extracting(cp -> cp.group().orElseThrow())
        .containsExactly("team-a", "team-b", "team-a", "team-b");
    assertThat(space.vector(space.hostNamespaces().get(0)).kind()).isEqualTo(WorkloadKind.STATEFULSET);
    assertThat(space.cluster().workload(space.vector(space.hostNamespaces().get(0)))).isPresent();
    assertThat(space.aws().findAddon("other", FakeSpace.POD_IDENTITY_AGENT)).isEmpty();
    assertThat(space.clusterName()).isEqualTo("other");
  }

  @Test
  void buildingLeavesNoCallToCount() {
    FakeSpace space = FakeSpace.withControlPlanes(5).build();

    assertThat(space.aws().calls().total()).isZero();
    assertThat(space.cluster().requests().total()).isZero();
  }

  @Test
  void theHelmChartAnnotatesAndRestartedPodsGetIrsaWhileAssociationsGivePodIdentity() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    String irsaNs = space.hostNamespaces().get(0);
    String podNs = space.hostNamespaces().get(1);
    String roleArn = space.aws().createRole(new NewRole("spaces-billing", "/", "{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":"
        + "[\"sts:AssumeRole\",\"sts:TagSession\"]}]}", "", Map.of())).arn();

    space.applyHelmValues(HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"), roleArn));
    space.aws().createPodIdentityAssociation(new NewAssociation(space.clusterName(), podNs, "vector", roleArn,
        Map.of()));
    assertThat(space.cluster().allPods()).noneMatch(p -> IdentityEnv.hasCredentials(p.env()));

    space.cluster().restart(space.vector(irsaNs), Instant.now());
    space.cluster().restart(space.vector(podNs), Instant.now());

    assertThat(space.cluster().pods(irsaNs)).singleElement()
        .satisfies(p -> assertThat(p.env()).containsAllEntriesOf(IdentityEnv.irsa(roleArn))
            .doesNotContainKey(IdentityEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI));
    assertThat(space.cluster().pods(podNs)).singleElement()
        .satisfies(p -> assertThat(p.env()).containsAllEntriesOf(IdentityEnv.podIdentity()));
  }

  @Test
  void aRemovedControlPlaneLeavesNoNamespaceBehind() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    String gone = space.hostNamespaces().get(1);

    space.removeControlPlane(gone);
    String added = space.addControlPlane("default");

    assertThat(space.hostNamespaces()).hasSize(3).doesNotContain(gone).contains(added);
    assertThat(space.cluster().observe(Set.of(gone), "vector").existingNamespaces()).isEmpty();
    assertThat(space.cluster().discoverControlPlanes(ControlPlaneQuery.all())).hasSize(3);
  }

  @Test
  void vectorsTokensAreSignedByTheEksClustersOidcIssuer() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    String ns = space.hostNamespaces().get(0);

    String token = space.cluster().requestServiceAccountToken(ns, FakeSpace.VECTOR, "sts.amazonaws.com",
        java.time.Duration.ofMinutes(10));

    com.nimbusds.jose.JWSObject jws = com.nimbusds.jose.JWSObject.parse(token);
    assertThat(jws.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(space.issuer().publicKey()))).isTrue();
    assertThat(jws.getPayload().toJSONObject())
        .containsEntry("iss", space.aws().describeCluster(FakeSpace.CLUSTER).oidcIssuer().orElseThrow())
        .containsEntry("sub", "system:serviceaccount:" + ns + ":vector");
    assertThat(space.cluster().issuer()).isSameAs(space.issuer());
  }
}
