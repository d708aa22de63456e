package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.testing.contract.ClusterFixture;
import dev.billingidentity.testing.contract.ClusterPortContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link ClusterPortContract} kit on {@link Fabric8Cluster} against fabric8's mock server in CRUD mode, no CRD
 * installed (the adapter needs no API discovery). A {@link RolloutSimulator} plays the workload controllers.
 */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterContractTest extends ClusterPortContract {
  KubernetesClient client;

  private Fabric8Cluster cluster;
  private MockClusterFixture fixture;
  private RolloutSimulator controllers;

  @BeforeEach
  void setUp() {
    cluster = new Fabric8Cluster(client, SpacesResources.VECTOR, Duration.ofMillis(50));
    fixture = new MockClusterFixture(client);
    controllers = new RolloutSimulator(client, fixture);
  }

  @AfterEach
  void tearDown() {
    controllers.close();
  }

  @Override
  protected ClusterPort cluster() {
    return cluster;
  }

  @Override
  protected ClusterFixture fixture() {
    return fixture;
  }
}
