package dev.billingidentity.benchmarks;

import dev.billingidentity.kubernetes.Fabric8Cluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Space's cluster side for the {@code http} variant: fabric8's mock API server in CRUD mode, seeded as Spaces
 * seeds a host cluster (each control plane's {@code ControlPlane} with its id, the labelled host namespace, vector's
 * service account, Deployment and running pod), reached through the real {@link Fabric8Cluster} adapter. Every
 * request the server answers waits a set latency first (a timer on the response, not a blocked server thread, so
 * concurrent requests overlap as on a real API server) and is counted.
 */
final class MockApiServerSpace implements AutoCloseable {
  /** {@code spaces.upbound.io/v1beta1} {@code ControlPlane}: no discovery needed (FACTS: tooling). */
  private static final ResourceDefinitionContext CONTROL_PLANES = new ResourceDefinitionContext.Builder()
      .withGroup("spaces.upbound.io").withVersion("v1beta1").withKind("ControlPlane").withPlural("controlplanes")
      .withNamespaced(true).build();
  private static final String NAME_LABEL = "internal.spaces.upbound.io/controlplane-name";
  private static final String GROUP_LABEL = "internal.spaces.upbound.io/controlplane-namespace";
  private static final Map<String, String> VECTOR_LABELS = Map.of("app", "vector");
  private static final String GROUP = "default";
  /**
   * The mock web server logs every request through java.util.logging at INFO: thousands of lines while seeding.
   * Held here, since java.util.logging keeps loggers only weakly and a collected one forgets its level.
   */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final LatencyDispatcher dispatcher;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Fabric8Cluster cluster;
  private final List<String> hostNamespaces = new ArrayList<>();
  private int next;

  private MockApiServerSpace(int controlPlanes) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    dispatcher = new LatencyDispatcher(new KubernetesMixedDispatcher(responses));
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(GROUP).endMetadata().build())
        .create();
    for (int i = 0; i < controlPlanes; i++) {
      addControlPlane();
    }
    cluster = new Fabric8Cluster(client);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** A mock API server holding {@code controlPlanes} provisioned control planes, with no latency yet. */
  static MockApiServerSpace start(int controlPlanes) {
    return new MockApiServerSpace(controlPlanes);
  }

  /** The cluster port the library uses: the real fabric8 adapter. */
  Fabric8Cluster cluster() {
    return cluster;
  }

  /** From now on, every request waits {@code latency} before it is answered. */
  void latency(Duration latency) {
    dispatcher.latency = latency;
  }

  /** Requests answered since the last {@link #resetRequests()}. */
  long requests() {
    return dispatcher.requests.get();
  }

  void resetRequests() {
    dispatcher.requests.set(0);
  }

  /** Provisions one more control plane, as Spaces would; returns its host namespace. */
  synchronized String addControlPlane() {
    int i = next++;
    String id = new UUID(0x706c49fa5bb84a7eL, i).toString();
    String name = "ctp-" + i;
    String ns = "mxp-" + id + "-system";
    GenericKubernetesResource cp = new GenericKubernetesResourceBuilder()
        .withApiVersion("spaces.upbound.io/v1beta1").withKind("ControlPlane")
        .withNewMetadata().withNamespace(GROUP).withName(name).endMetadata()
        .addToAdditionalProperties("spec", Map.of())
        .addToAdditionalProperties("status", Map.of("controlPlaneID", id))
        .build();
    client.genericKubernetesResources(CONTROL_PLANES).inNamespace(GROUP).resource(cp).create();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .addToLabels(NAME_LABEL, name).addToLabels(GROUP_LABEL, GROUP).endMetadata().build()).create();
    client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata()
        .withNamespace(ns).withName("vector").endMetadata().build()).create();
    client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
        .withNewMetadata().withNamespace(ns).withName("vector").withLabels(VECTOR_LABELS).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(VECTOR_LABELS).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(VECTOR_LABELS).endMetadata()
        .withNewSpec().withServiceAccountName("vector")
        .addNewContainer().withName("vector").withImage("timberio/vector").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    Pod pod = new PodBuilder()
        .withNewMetadata().withNamespace(ns).withName("vector-5d8f7c9b6-x2b4q").withLabels(VECTOR_LABELS)
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("vector-5d8f7c9b6")
        .withUid("uid-" + ns).withController(true).endOwnerReference().endMetadata()
        .withNewSpec().withServiceAccountName("vector")
        .addNewContainer().withName("vector").withImage("timberio/vector").endContainer().endSpec()
        .withNewStatus().withPhase("Running")
        .addNewContainerStatus().withName("vector").withReady(true).endContainerStatus().endStatus()
        .build();
    Pod created = client.pods().inNamespace(ns).resource(pod).create();
    if (created.getStatus() == null || created.getStatus().getPhase() == null) {
      // The mock may keep status apart from the object, like a real API server: write it as the kubelet would.
      created.setStatus(pod.getStatus());
      client.pods().inNamespace(ns).resource(created).updateStatus();
    }
    hostNamespaces.add(ns);
    return ns;
  }

  /** Deletes the oldest control plane and its host namespace, as Spaces does when a control plane is deleted. */
  synchronized void removeOldestControlPlane() {
    String ns = hostNamespaces.remove(0);
    String name = client.namespaces().withName(ns).get().getMetadata().getLabels().get(NAME_LABEL);
    client.genericKubernetesResources(CONTROL_PLANES).inNamespace(GROUP).withName(name).delete();
    // The mock does not cascade: delete what the namespace held, as the namespace controller would.
    client.pods().inNamespace(ns).delete();
    client.apps().deployments().inNamespace(ns).delete();
    client.serviceAccounts().inNamespace(ns).delete();
    client.namespaces().withName(ns).delete();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /** Counts requests and delays each answer by the set latency, then answers as the CRUD dispatcher does. */
  private static final class LatencyDispatcher extends Dispatcher {
    private final Dispatcher crud;
    private final AtomicLong requests = new AtomicLong();
    private volatile Duration latency = Duration.ZERO;

    LatencyDispatcher(Dispatcher crud) {
      this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.incrementAndGet();
      MockResponse response = crud.dispatch(request);
      return latency.isZero() ? response : response.setBodyDelay(latency);
    }

    @Override
    public void shutdown() {
      crud.shutdown();
    }
  }
}
