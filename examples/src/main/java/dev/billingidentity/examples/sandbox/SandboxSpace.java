package dev.billingidentity.examples.sandbox;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.kubernetes.SpacesResources;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import dev.billingidentity.testing.cluster.IdentityEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Space's side of the sandbox's host cluster, written through the Kubernetes API as Spaces, its Helm chart,
 * kube-controller-manager and the EKS webhooks would: control planes with labelled host namespaces and vector
 * deployed (a service account, a Deployment, one pod); the chart's role-ARN annotation after {@code helm upgrade};
 * and, whenever a vector pod is created, the environment the EKS webhooks inject for the identity that exists then.
 *
 * <p>That last part is what makes verification and restarts behave as on a real Space: a pod only has credentials
 * if its identity existed when it started, so pods from before the identity stay stale until they are replaced.
 */
final class SandboxSpace {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxSpace.class);
  /** vector's pod labels and its Deployment's selector in the Spaces chart. */
  static final Map<String, String> VECTOR_LABELS = Map.of("app", SpacesResources.VECTOR);
  private static final String VECTOR = SpacesResources.VECTOR;

  private final KubernetesClient client;
  private final InMemoryAws aws;
  private final String clusterName;
  /** The image of vector in the control planes provisioned from now on. */
  private final String vectorImage;
  /** Host namespace to control plane (group, name), in creation order. */
  private final Map<String, String[]> controlPlanes = new LinkedHashMap<>();
  private HelmValues helmValues;
  private int next;

  SandboxSpace(KubernetesClient client, InMemoryAws aws, String clusterName, String vectorImage) {
    this.client = client;
    this.aws = aws;
    this.clusterName = clusterName;
    this.vectorImage = vectorImage;
  }

  /**
   * Provisions a control plane in {@code group} as Spaces does: the {@code ControlPlane} object with its id in the
   * status, the labelled host namespace {@code mxp-<id>-system}, and vector (service account, Deployment, one ready
   * pod). The chart's current values apply to it. Returns the host namespace.
   */
  synchronized String addControlPlane(String group) {
    Problems p = new Problems();
    InputRules.namespace(p, "group", group);
    p.throwIfAny();
    int i = next++;
    String id = new UUID(0x706c49fa5bb84a7eL, i).toString();
    String name = "ctp-" + i;
    String hostNamespace = "mxp-" + id + "-system";
    ensureNamespace(group, Map.of());
    createControlPlaneObject(group, name, id);
    ensureNamespace(hostNamespace, Map.of(SpacesResources.CONTROL_PLANE_NAME_LABEL, name,
        SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL, group));
    client.serviceAccounts().inNamespace(hostNamespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withNamespace(hostNamespace).withName(VECTOR).withAnnotations(chartAnnotations()).endMetadata().build())
        .create();
    Deployment deployment = client.apps().deployments().inNamespace(hostNamespace).resource(new DeploymentBuilder()
        .withNewMetadata().withNamespace(hostNamespace).withName(VECTOR).withLabels(VECTOR_LABELS).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(VECTOR_LABELS).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(VECTOR_LABELS).endMetadata()
        .withNewSpec().withServiceAccountName(VECTOR)
        .addNewContainer().withName(VECTOR).withImage(vectorImage).endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    startPod(deployment);
    markRolledOut(deployment);
    controlPlanes.put(hostNamespace, new String[] {group, name});
    LOG.info("sandbox: control plane {}/{} provisioned in host namespace {}", group, name, hostNamespace);
    return hostNamespace;
  }

  /** Deletes a control plane (by host namespace): its {@code ControlPlane} object and its host namespace. */
  synchronized void removeControlPlane(String hostNamespace) {
    String[] cp = controlPlanes.remove(hostNamespace);
    if (cp == null) {
      throw new IllegalArgumentException("no control plane has the host namespace " + hostNamespace);
    }
    client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace(cp[0]).withName(cp[1]).delete();
    // The mock API server does not cascade: delete what the namespace held, as the namespace controller would.
    client.apps().deployments().inNamespace(hostNamespace).delete();
    client.pods().inNamespace(hostNamespace).delete();
    client.serviceAccounts().inNamespace(hostNamespace).delete();
    client.namespaces().withName(hostNamespace).delete();
    LOG.info("sandbox: control plane {}/{} deleted with its host namespace {}", cp[0], cp[1], hostNamespace);
  }

  /** The host namespaces of the control planes, in creation order. */
  synchronized List<String> hostNamespaces() {
    return List.copyOf(controlPlanes.keySet());
  }

  /**
   * Plays {@code helm upgrade} of the Space with these values: the chart writes vector's service account in every
   * host namespace with the role-ARN annotation (IRSA) or without it (Pod Identity). Running pods keep what they
   * were started with, as on a real Space.
   */
  synchronized void applyHelmValues(HelmValues values) {
    this.helmValues = values;
    for (String ns : controlPlanes.keySet()) {
      client.serviceAccounts().inNamespace(ns).withName(VECTOR).edit(sa -> {
        Map<String, String> annotations = sa.getMetadata().getAnnotations() == null
            ? new HashMap<>() : new HashMap<>(sa.getMetadata().getAnnotations());
        annotations.remove(HelmValues.ROLE_ARN_ANNOTATION);
        annotations.putAll(chartAnnotations());
        sa.getMetadata().setAnnotations(annotations);
        return sa;
      });
    }
    LOG.info("sandbox: Helm values applied to {} control planes (role-ARN annotation: {})", controlPlanes.size(),
        values.roleArnAnnotation().orElse("none"));
  }

  /**
   * Plays kube-controller-manager for a Deployment whose pod template changed (a restart): its pods are replaced by
   * new ones, which the webhooks give the identity that exists now, and its status catches up with the generation
   * it was given. Under the Space's lock: a control plane deleted meanwhile gets no pod back.
   */
  synchronized void rollOut(Deployment deployment) {
    String ns = deployment.getMetadata().getNamespace();
    if (!controlPlanes.containsKey(ns)) {
      return;
    }
    Deployment current = client.apps().deployments().inNamespace(ns).withName(deployment.getMetadata().getName())
        .get();
    if (current == null) {
      return;
    }
    client.pods().inNamespace(ns).withLabels(current.getSpec().getSelector().getMatchLabels()).delete();
    startPod(current);
    markRolledOut(current);
    LOG.info("sandbox: {}/{} rolled out (generation {})", ns, current.getMetadata().getName(),
        current.getMetadata().getGeneration());
  }

  private Map<String, String> chartAnnotations() {
    return Optional.ofNullable(helmValues).flatMap(HelmValues::roleArnAnnotation)
        .map(arn -> Map.of(HelmValues.ROLE_ARN_ANNOTATION, arn)).orElse(Map.of());
  }

  /**
   * A new ready pod of the Deployment, with what the EKS webhooks inject at its creation and its template's image
   * (so that a changed image, {@code kubectl set image}, rolls out as on a real cluster).
   */
  private void startPod(Deployment deployment) {
    String ns = deployment.getMetadata().getNamespace();
    String serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    // Named as a Deployment's ReplicaSet is, <deployment>-<pod-template-hash>: a new template, a new ReplicaSet.
    String replicaSet = deployment.getMetadata().getName() + "-"
        + String.format("%08x", deployment.getSpec().getTemplate().hashCode());
    List<EnvVar> env = webhookEnv(ns, serviceAccount).entrySet().stream()
        .map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
    Pod pod = new PodBuilder()
        .withNewMetadata().withNamespace(ns).withName(replicaSet + "-" + randomSuffix())
        .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(replicaSet)
        .withUid("uid-" + ns + "-" + replicaSet).withController(true).endOwnerReference()
        .endMetadata()
        .withNewSpec().withServiceAccountName(serviceAccount)
        .addNewContainer().withName(VECTOR).withImage(image).withEnv(env)
        .endContainer().endSpec()
        .withNewStatus().withPhase("Running")
        .addNewContainerStatus().withName(VECTOR).withReady(true).endContainerStatus()
        .endStatus()
        .build();
    Pod created = client.pods().inNamespace(ns).resource(pod).create();
    if (created.getStatus() == null || created.getStatus().getPhase() == null) {
      // The mock keeps status apart from the object, like a real API server: write it as the kubelet would.
      created.setStatus(pod.getStatus());
      client.pods().inNamespace(ns).resource(created).updateStatus();
    }
  }

  /**
   * The environment the EKS webhooks give a new pod: IRSA's if its service account carries the role-ARN annotation,
   * Pod Identity's if EKS holds an association for it; none otherwise (the pod would have no AWS credentials).
   */
  private Map<String, String> webhookEnv(String namespace, String serviceAccount) {
    Map<String, String> env = new LinkedHashMap<>();
    ServiceAccount sa = client.serviceAccounts().inNamespace(namespace).withName(serviceAccount).get();
    String roleArn = sa == null || sa.getMetadata().getAnnotations() == null ? null
        : sa.getMetadata().getAnnotations().get(HelmValues.ROLE_ARN_ANNOTATION);
    if (roleArn != null) {
      env.putAll(IdentityEnv.irsa(roleArn));
    }
    if (aws.associationFor(clusterName, namespace, serviceAccount).isPresent()) {
      env.putAll(IdentityEnv.podIdentity());
    }
    return env;
  }

  /**
   * Status caught up with {@code deployment}'s generation, the one whose template the new pods were made from: if
   * another restart changed the template meanwhile, its generation stays ahead and is rolled out in turn.
   */
  private void markRolledOut(Deployment deployment) {
    int replicas = deployment.getSpec().getReplicas();
    Deployment current = client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName()).get();
    current.setStatus(new DeploymentStatusBuilder().withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
        .withAvailableReplicas(replicas).build());
    client.apps().deployments().inNamespace(current.getMetadata().getNamespace()).resource(current).updateStatus();
  }

  /** The environment of every vector pod of the Space, as the API server holds it. */
  synchronized List<Map<String, String>> vectorPodEnvironments() {
    List<Map<String, String>> envs = new java.util.ArrayList<>();
    for (Pod pod : client.pods().inAnyNamespace().withLabels(VECTOR_LABELS).list().getItems()) {
      Map<String, String> env = new LinkedHashMap<>();
      pod.getSpec().getContainers().forEach(c -> (c.getEnv() == null ? List.<EnvVar>of() : c.getEnv())
          .forEach(e -> env.put(e.getName(), e.getValue())));
      envs.add(env);
    }
    return envs;
  }

  private void ensureNamespace(String name, Map<String, String> labels) {
    if (client.namespaces().withName(name).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
          .endMetadata().build()).create();
    }
  }

  /**
   * The {@code ControlPlane} as most Spaces hold it: no {@code spec.hostNamespace} (an alpha field behind a feature
   * flag), so its host namespace is derived from the id in its status, {@code mxp-<id>-system}.
   */
  private void createControlPlaneObject(String group, String name, String id) {
    GenericKubernetesResource cp = new GenericKubernetesResourceBuilder()
        .withApiVersion("spaces.upbound.io/v1beta1").withKind("ControlPlane")
        .withNewMetadata().withNamespace(group).withName(name).endMetadata()
        .addToAdditionalProperties("spec", Map.of())
        .addToAdditionalProperties("status", Map.of("controlPlaneID", id))
        .build();
    client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace(group).resource(cp).create();
  }

  private static String randomSuffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
