package dev.billingidentity.kubernetes;

import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.contract.ClusterFixture;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seeds fabric8's mock server (CRUD mode) with what Spaces and vector's controllers would create. The mock runs no
 * controllers, so the workload status and the pod are written here, as kube-controller-manager would.
 */
final class MockClusterFixture implements ClusterFixture {
  static final Map<String, String> VECTOR_SELECTOR = Map.of("app", "vector");
  /** The image of workloads and pods given without one. */
  static final String DEFAULT_IMAGE = "timberio/vector";

  private final KubernetesClient client;
  /** The issuer that signs the tokens the mock answers, when a dispatcher answers them ({@code null}: none does). */
  private final ServiceAccountIssuer issuer;
  // Read by the RolloutSimulator's informer threads.
  private final Set<WorkloadRef> hanging = ConcurrentHashMap.newKeySet();

  MockClusterFixture(KubernetesClient client) {
    this(client, null);
  }

  /** A fixture whose mock answers TokenRequests signed by {@code issuer} ({@link TokenRequestDispatcher}). */
  MockClusterFixture(KubernetesClient client, ServiceAccountIssuer issuer) {
    this.client = client;
    this.issuer = issuer;
  }

  @Override
  public ServiceAccountIssuer serviceAccountIssuer() {
    return issuer != null ? issuer : ClusterFixture.super.serviceAccountIssuer();
  }

  @Override
  public void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace) {
    givenControlPlane(group, name, controlPlaneId, hostNamespace, Map.of());
  }

  @Override
  public void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace,
      Map<String, String> labels) {
    givenControlPlaneObject(group, name, controlPlaneId, hostNamespace, labels);
    if (controlPlaneId != null) {
      String host = hostNamespace != null ? hostNamespace : "mxp-" + controlPlaneId + "-system";
      givenHostNamespace(host, group, name);
    }
  }

  @Override
  public void givenControlPlaneObject(String group, String name, String controlPlaneId, String hostNamespace) {
    givenControlPlaneObject(group, name, controlPlaneId, hostNamespace, Map.of());
  }

  /** Only the {@code ControlPlane} object, as Spaces stores it. */
  GenericKubernetesResource givenControlPlaneObject(String group, String name, String controlPlaneId,
      String hostNamespace, Map<String, String> labels) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (hostNamespace != null) {
      spec.put("hostNamespace", Map.of("name", hostNamespace));
    }
    GenericKubernetesResource cp = new GenericKubernetesResourceBuilder()
        .withApiVersion("spaces.upbound.io/v1beta1").withKind("ControlPlane")
        .withNewMetadata().withNamespace(group).withName(name).withLabels(labels).endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
    if (controlPlaneId != null) {
      cp.setAdditionalProperty("status", Map.of("controlPlaneID", controlPlaneId));
    }
    GenericKubernetesResource created = client.genericKubernetesResources(SpacesResources.CONTROL_PLANES)
        .inNamespace(group).resource(cp).create();
    if (controlPlaneId != null && created.get("status", "controlPlaneID") == null) {
      // With a CRD declaring the status subresource, create() drops status (FACTS): seed it the way Spaces does.
      created.setAdditionalProperty("status", Map.of("controlPlaneID", controlPlaneId));
      created = client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace(group).resource(created)
          .updateStatus();
    }
    return created;
  }

  /** A host namespace with the labels Spaces puts on it. */
  void givenHostNamespace(String namespace, String group, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels(SpacesResources.CONTROL_PLANE_NAME_LABEL, name)
        .addToLabels(SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL, group)
        .endMetadata().build()).create();
  }

  @Override
  public void labelNamespace(String namespace, Map<String, String> labels) {
    client.namespaces().withName(namespace).edit(ns -> {
      ns.getMetadata().setLabels(new HashMap<>(labels));
      return ns;
    });
  }

  @Override
  public void givenNamespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  @Override
  public void givenServiceAccount(String namespace, String name, Map<String, String> annotations) {
    client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withNamespace(namespace).withName(name).withAnnotations(annotations).endMetadata().build()).create();
  }

  @Override
  public WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
      Map<String, String> env) {
    return givenWorkload(kind, namespace, name, serviceAccount, env, DEFAULT_IMAGE);
  }

  @Override
  public WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
      Map<String, String> env, String image) {
    PodTemplateSpec template = new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(VECTOR_SELECTOR).endMetadata()
        .withNewSpec().withServiceAccountName(serviceAccount)
        .addNewContainer().withName("vector").withImage(image).endContainer()
        .endSpec().build();
    String ownerKind;
    String ownerName;
    if (kind == WorkloadKind.DEPLOYMENT) {
      Deployment d = client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
          .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
          .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(VECTOR_SELECTOR).endSelector()
          .withTemplate(template).endSpec().build()).create();
      completeRollout(d);
      ownerKind = "ReplicaSet";
      ownerName = name + "-5d8f7c9b6";
    } else {
      StatefulSet s = client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
          .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
          .withNewSpec().withReplicas(1).withServiceName(name).withNewSelector().withMatchLabels(VECTOR_SELECTOR)
          .endSelector().withTemplate(template).endSpec().build()).create();
      completeRollout(s);
      ownerKind = "StatefulSet";
      ownerName = name;
    }
    givenPod(vectorPod(namespace, name + "-0", serviceAccount, env)
        .editSpec().editFirstContainer().withImage(image).endContainer().endSpec()
        .editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(ownerName)
        .withUid("uid-" + ownerName).withController(true).endOwnerReference().endMetadata()
        .build());
    return new WorkloadRef(kind, namespace, name);
  }

  /**
   * The template's vector container gets {@code image}, as {@code kubectl set image} does (a new generation). The
   * mock replaces no pod: they keep the image they were created with, as during a rollout that has not reached them.
   */
  @Override
  public void setImage(WorkloadRef workload, String image) {
    switch (workload.kind()) {
      case DEPLOYMENT -> client.apps().deployments().inNamespace(workload.namespace()).withName(workload.name())
          .edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
          });
      case STATEFULSET -> client.apps().statefulSets().inNamespace(workload.namespace()).withName(workload.name())
          .edit(s -> {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return s;
          });
    }
  }

  /** A ready pod of a workload, as its controller would create it. */
  void givenPod(String namespace, String podName, String ownerKind, String ownerName, String serviceAccount,
      Map<String, String> env) {
    givenPod(vectorPod(namespace, podName, serviceAccount, env)
        .editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(ownerName)
        .withUid("uid-" + ownerName).withController(true).endOwnerReference().endMetadata()
        .build());
  }

  /** A running, ready pod with vector's labels and no owner, for a test to adjust. */
  PodBuilder vectorPod(String namespace, String podName, String serviceAccount, Map<String, String> env) {
    List<EnvVar> vars = env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(podName).withLabels(VECTOR_SELECTOR).endMetadata()
        .withNewSpec().withServiceAccountName(serviceAccount)
        .addNewContainer().withName("vector").withImage(DEFAULT_IMAGE).withEnv(vars).endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running")
        .addNewContainerStatus().withName("vector").withReady(true).endContainerStatus()
        .endStatus();
  }

  /** Creates a pod; its status is written as the kubelet would when create() does not keep it. */
  void givenPod(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    if (created.getStatus() == null || created.getStatus().getPhase() == null) {
      created.setStatus(pod.getStatus());
      client.pods().inNamespace(namespace).resource(created).updateStatus();
    }
  }

  /** Plays the workload controller: status catches up with the current generation, every replica ready. */
  void completeRollout(Deployment d) {
    int replicas = d.getSpec().getReplicas();
    d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas).build());
    client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
  }

  /** Plays the workload controller for a StatefulSet. */
  void completeRollout(StatefulSet s) {
    int replicas = s.getSpec().getReplicas();
    s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(s.getMetadata().getGeneration())
        .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas).build());
    client.apps().statefulSets().inNamespace(s.getMetadata().getNamespace()).resource(s).updateStatus();
  }

  @Override
  public void hangRollouts(WorkloadRef workload) {
    hanging.add(workload);
  }

  /** Whether the workload's rollouts hang: the {@link RolloutSimulator} then leaves its status behind. */
  boolean rolloutsHang(WorkloadRef workload) {
    return hanging.contains(workload);
  }

  @Override
  public String restartedAt(WorkloadRef workload) {
    ObjectMeta template = switch (workload.kind()) {
      case DEPLOYMENT -> client.apps().deployments().inNamespace(workload.namespace()).withName(workload.name()).get()
          .getSpec().getTemplate().getMetadata();
      case STATEFULSET -> client.apps().statefulSets().inNamespace(workload.namespace()).withName(workload.name())
          .get().getSpec().getTemplate().getMetadata();
    };
    Map<String, String> annotations = template == null || template.getAnnotations() == null
        ? new HashMap<>() : template.getAnnotations();
    return annotations.get(SpacesResources.RESTARTED_AT_ANNOTATION);
  }
}
