package com.example.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.kubernetes.SpacesResources;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real adapters in the consumer's stack: the fabric8 adapter against fabric8's mock API server (CRUD mode), the
 * AWS SDK adapters over HTTP against the fake AWS server, both modes, and a second apply that writes nothing. Each
 * failure of the issue this suite answers shows here: a Jackson that fabric8 cannot run on fails the first cluster
 * read, a WireMock that needs Jetty 11 fails the fake server's start.
 */
@EnableKubernetesMockClient(crud = true)
class RealAdaptersTest {
  private static final String ID = "706c49fa-5bb8-4a7e-9f41-2fc38ef4b065";
  private static final String HOST = ControlPlane.defaultHostNamespace(ID);

  KubernetesClient client;

  /** A control plane as Spaces provisions it: the object, its labelled host namespace, vector's account and pods. */
  @BeforeEach
  void provisionAControlPlane() {
    client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace("team-a").resource(
        new GenericKubernetesResourceBuilder().withApiVersion("spaces.upbound.io/v1beta1").withKind("ControlPlane")
            .withNewMetadata().withNamespace("team-a").withName("cp1").endMetadata()
            .addToAdditionalProperties("spec", Map.of())
            .addToAdditionalProperties("status", Map.of("controlPlaneID", ID))
            .build()).create();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(HOST)
        .withLabels(Map.of(SpacesResources.CONTROL_PLANE_NAME_LABEL, "cp1",
            SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL, "team-a"))
        .endMetadata().build()).create();
    client.serviceAccounts().inNamespace(HOST).resource(new ServiceAccountBuilder().withNewMetadata()
        .withNamespace(HOST).withName(SpacesResources.VECTOR).endMetadata().build()).create();
    client.apps().deployments().inNamespace(HOST).resource(new DeploymentBuilder().withNewMetadata()
        .withNamespace(HOST).withName(SpacesResources.VECTOR).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "vector").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "vector").endMetadata()
        .withNewSpec().withServiceAccountName(SpacesResources.VECTOR).addNewContainer().withName("vector")
        .withImage("timberio/vector").endContainer().endSpec().endTemplate().endSpec().build()).create();
  }

  private ApplyResult applyTwice(FakeSpace space, BiFunction<dev.billingidentity.spi.aws.AwsBackend,
      Fabric8Cluster, BillingIdentity> identity) {
    try (FakeAwsServer server = FakeAwsServer.start(space.aws());
        AwsAdapters aws = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
            .build()) {
      BillingIdentity billing = identity.apply(aws.backend(), new Fabric8Cluster(client));
      ApplyResult first = billing.apply();
      assertThat(first.applied()).isNotEmpty();
      assertThat(BillingSetUp.summary(first)).contains("\"changes\"");
      ApplyResult second = billing.apply();
      assertThat(second.applied()).isEmpty();
      assertThat(second.calls().writes()).isZero();
      return first;
    }
  }

  @Test
  void irsaAppliesOverTheRealAdaptersAndTheSecondApplyWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(0).build();

    applyTwice(space, BillingSetUp::irsa);

    assertThat(space.aws().role(BillingSetUp.ROLE)).hasValueSatisfying(role ->
        assertThat(role.trustPolicyJson()).contains("system:serviceaccount:" + HOST + ":vector"));
  }

  @Test
  void podIdentityAppliesOverTheRealAdaptersAndTheSecondApplyWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(0).build();

    applyTwice(space, BillingSetUp::podIdentity);

    assertThat(space.aws().associations(BillingSetUp.CLUSTER)).extracting(Association::namespace)
        .containsExactly(HOST);
  }
}
