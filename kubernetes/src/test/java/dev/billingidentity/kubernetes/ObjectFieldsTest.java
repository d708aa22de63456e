package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.billingidentity.spi.cluster.ContainerImage;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The untyped reads judge an object as the typed model did: absent fields and fields of another JSON type read as
 * absent, so that one malformed object (a fake's, a hand-edited one) is judged as incomplete, not as a failed
 * observation.
 */
class ObjectFieldsTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static GenericKubernetesResource parse(String json) {
    return JSON.unmarshal(json, GenericKubernetesResource.class);
  }

  @Test
  void aDeploymentIsReadAsTheApiServerWritesIt() {
    GenericKubernetesResource d = parse("""
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"namespace": "mxp-a-system", "name": "vector", "generation": 3},
         "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "vector", "tier": "billing"}},
                  "template": {"spec": {"containers": [
                    {"name": "vector", "image": "timberio/vector:0.47.0-distroless-libc"}, {"name": "sidecar"}]}}},
         "status": {"observedGeneration": 3, "replicas": 3, "updatedReplicas": 2, "readyReplicas": 2}}""");

    WorkloadInfo info = WorkloadStates.of(WorkloadKind.DEPLOYMENT, d);

    assertThat(info.generation()).isEqualTo(3);
    assertThat(info.observedGeneration()).isEqualTo(3);
    assertThat(info.replicas()).isEqualTo(2);
    assertThat(info.updatedReplicas()).isEqualTo(2);
    assertThat(info.readyReplicas()).isEqualTo(2);
    assertThat(info.templateImages()).containsExactly(
        new ContainerImage("vector", "timberio/vector:0.47.0-distroless-libc"), new ContainerImage("sidecar", ""));
    assertThat(PodOwnership.matchLabels(d)).containsExactly(
        entry("app", "vector"), entry("tier", "billing"));
    assertThat(RolloutProgress.of(WorkloadKind.DEPLOYMENT, d).oldReplicas()).isEqualTo(1);
    assertThat(RolloutProgress.of(WorkloadKind.STATEFULSET, d).oldReplicas()).isZero();
  }

  @Test
  void fieldsOfAnotherTypeReadAsAbsent() {
    GenericKubernetesResource d = parse("""
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"namespace": "ns", "name": "vector"},
         "spec": {"replicas": "two", "selector": {"matchLabels": {"app": 7, "tier": "billing"}},
                  "template": {"spec": {"containers": {"name": "vector"}}}},
         "status": "broken"}""");

    WorkloadInfo info = WorkloadStates.of(WorkloadKind.DEPLOYMENT, d);

    // spec.replicas as the API server defaults it; no status yet: nothing observed, nothing ready.
    assertThat(info.replicas()).isEqualTo(1);
    assertThat(info.observedGeneration()).isZero();
    assertThat(info.readyReplicas()).isZero();
    assertThat(info.templateImages()).isEmpty();
    assertThat(PodOwnership.matchLabels(d)).containsOnlyKeys("tier");
    assertThat(ObjectFields.string(d, "status", "phase")).isEmpty();
    assertThat(ObjectFields.objects(d, "spec", "template", "spec", "containers")).isEmpty();
  }

  @Test
  void aWorkloadWithoutASpecAsksForNoReplicasAndOneWithoutReplicasForOne() {
    GenericKubernetesResource bare = parse("""
        {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"namespace": "ns", "name": "vector"}}""");
    GenericKubernetesResource defaulted = parse("""
        {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"namespace": "ns", "name": "vector"},
         "spec": {"serviceName": "vector"}}""");

    assertThat(WorkloadStates.of(WorkloadKind.STATEFULSET, bare).replicas()).isZero();
    assertThat(WorkloadStates.of(WorkloadKind.STATEFULSET, bare).rolloutComplete()).isTrue();
    assertThat(WorkloadStates.of(WorkloadKind.STATEFULSET, defaulted).replicas()).isEqualTo(1);
  }

  @Test
  void listsKeepOnlyTheirObjects() {
    GenericKubernetesResource pod = parse("""
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"namespace": "ns", "name": "vector-1"},
         "spec": {"containers": [{"name": "vector", "env": [{"name": "AWS_REGION", "value": "us-east-1"}, "junk",
                  {"name": "AWS_ROLE_ARN", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]}, 42]},
         "status": {"containerStatuses": [{"ready": true}, {"ready": "yes"}]}}""");

    List<Map<String, Object>> containers = ObjectFields.objects(pod, "spec", "containers");
    assertThat(containers).hasSize(1);
    List<Map<String, Object>> env = ObjectFields.objects(containers.get(0), "env");
    assertThat(env).hasSize(2);
    assertThat(ObjectFields.string(env.get(0), "value")).contains("us-east-1");
    assertThat(ObjectFields.string(env.get(1), "value")).isEmpty();
    List<Map<String, Object>> statuses = ObjectFields.objects(pod, "status", "containerStatuses");
    assertThat(statuses).extracting(s -> ObjectFields.isTrue(s, "ready")).containsExactly(true, false);
  }
}
