package dev.billingidentity.testing.contract;

import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Seeds the cluster behind a {@link dev.billingidentity.spi.cluster.ClusterPort} with what the port only reads, as
 * Spaces, Helm and the workload controllers would create it: the in-memory cluster's test implements it on the fake,
 * the fabric8 adapter's tests through the mock server.
 *
 * <p>The abstract methods are what every kit test needs. The default methods are capabilities a fixture may lack:
 * by default they {@linkplain Assumptions#abort(String) abort} the test that needs them (reported as skipped, not
 * passed), until the fixture implements them.
 */
public interface ClusterFixture {
  /**
   * A Spaces {@code ControlPlane} in {@code group}: {@code controlPlaneId} null means not provisioned (empty
   * {@code status.controlPlaneID}); {@code hostNamespace} non-null plays {@code spec.hostNamespace.name}. A
   * provisioned one gets its host namespace, with Spaces' two labels naming it.
   */
  void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace);

  /** A namespace without a control plane. */
  void givenNamespace(String name);

  /** A service account with annotations. */
  void givenServiceAccount(String namespace, String name, Map<String, String> annotations);

  /**
   * A workload running as {@code serviceAccount}, its rollout complete, with one ready pod (created now) whose
   * container carries {@code env}.
   */
  WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
      Map<String, String> env);

  /** The workload's pod template {@code kubectl.kubernetes.io/restartedAt} annotation, or null. */
  String restartedAt(WorkloadRef workload);

  /**
   * As {@link #givenControlPlane(String, String, String, String)}, with labels on the {@code ControlPlane} object
   * (what discovery by labels selects on). A capability: aborts the test unless implemented (or labels are empty).
   */
  default void givenControlPlane(String group, String name, String controlPlaneId, String hostNamespace,
      Map<String, String> labels) {
    if (!labels.isEmpty()) {
      Assumptions.abort("this fixture cannot label ControlPlane objects: implement "
          + "ClusterFixture.givenControlPlane(group, name, controlPlaneId, hostNamespace, labels)");
    }
    givenControlPlane(group, name, controlPlaneId, hostNamespace);
  }

  /**
   * Only a {@code ControlPlane} object, as anyone allowed to create one may write it: no host namespace is created or
   * labelled, so {@code hostNamespace} ({@code spec.hostNamespace.name}, or null for {@code mxp-<id>-system}) may name
   * a namespace that Spaces never made, e.g. {@code kube-system}. A capability: aborts the test unless implemented.
   */
  default void givenControlPlaneObject(String group, String name, String controlPlaneId, String hostNamespace) {
    Assumptions.abort("this fixture cannot create a ControlPlane without its host namespace: implement "
        + "ClusterFixture.givenControlPlaneObject");
  }

  /**
   * Replaces the labels of an existing namespace, e.g. Spaces' labels naming another control plane. A capability:
   * aborts the test unless implemented.
   */
  default void labelNamespace(String namespace, Map<String, String> labels) {
    Assumptions.abort("this fixture cannot relabel namespaces: implement ClusterFixture.labelNamespace");
  }

  /**
   * As {@link #givenWorkload(WorkloadKind, String, String, String, Map)}, its pod template's and its pod's vector
   * container running {@code image}. A capability: aborts the test unless implemented.
   */
  default WorkloadRef givenWorkload(WorkloadKind kind, String namespace, String name, String serviceAccount,
      Map<String, String> env, String image) {
    Assumptions.abort("this fixture cannot choose vector's image: implement ClusterFixture.givenWorkload(kind, "
        + "namespace, name, serviceAccount, env, image)");
    return null;
  }

  /**
   * Sets the image of the workload's vector container in its pod template, as {@code kubectl set image} does; its
   * pods are replaced only as its rollout goes, so after {@link #hangRollouts} they keep the older image. A
   * capability: aborts the test unless implemented.
   */
  default void setImage(WorkloadRef workload, String image) {
    Assumptions.abort("this fixture cannot change vector's image: implement ClusterFixture.setImage");
  }

  /**
   * Makes the workload's next rollouts hang (no new pod becomes ready), as a bad image or a full node would. A
   * capability: aborts the test unless implemented.
   */
  default void hangRollouts(WorkloadRef workload) {
    Assumptions.abort("this fixture cannot hang rollouts: implement ClusterFixture.hangRollouts");
  }

  /**
   * The issuer whose key signs the tokens the cluster's TokenRequest answers, so the kit can verify them. A
   * capability: aborts the test unless implemented.
   */
  default dev.billingidentity.testing.cluster.ServiceAccountIssuer serviceAccountIssuer() {
    Assumptions.abort("this fixture does not know the cluster's service-account issuer: implement "
        + "ClusterFixture.serviceAccountIssuer");
    return null;
  }
}
