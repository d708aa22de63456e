package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.contract.ClusterFixture;
import dev.billingidentity.testing.contract.ClusterPortContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link ClusterPortContract} kit on {@link Fabric8Cluster} against fabric8's mock server in CRUD mode, no CRD
 * installed (the adapter needs no API discovery). A {@link RolloutSimulator} plays the workload controllers. The CRUD
 * mock does not answer the TokenRequest API, so a {@link TokenRequestDispatcher} in front of its store answers it as
 * the API server does, signing with the fixture's issuer: the kit then checks what the adapter sent (audience,
 * expiry) and that it returns the answer's token.
 */
class Fabric8ClusterContractTest extends ClusterPortContract {
  private final ServiceAccountIssuer issuer = new ServiceAccountIssuer(ServiceAccountIssuer.KUBERNETES_DEFAULT_ISSUER);
  private KubernetesMockServer server;
  private KubernetesClient client;
  private Fabric8Cluster cluster;
  private MockClusterFixture fixture;
  private RolloutSimulator controllers;

  @BeforeEach
  void setUp() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new TokenRequestDispatcher(new KubernetesMixedDispatcher(responses), issuer), false);
    server.init();
    client = server.createClient();
    cluster = new Fabric8Cluster(client, SpacesResources.VECTOR, Duration.ofMillis(50));
    fixture = new MockClusterFixture(client, issuer);
    controllers = new RolloutSimulator(client, fixture);
  }

  @AfterEach
  void tearDown() {
    controllers.close();
    client.close();
    server.destroy();
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
