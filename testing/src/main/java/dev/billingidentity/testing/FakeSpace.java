package dev.billingidentity.testing;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Upbound Space on EKS, in memory, in one line: an EKS cluster (with an OIDC issuer and, by default, the Pod
 * Identity agent add-on) in an {@link InMemoryAws}, and a host cluster ({@link InMemoryCluster}) with N provisioned
 * control planes, each with vector deployed (one pod, created now, so without credentials).
 *
 * <pre>{@code
 * FakeSpace space = FakeSpace.withControlPlanes(20).build();
 * BillingIdentity.irsa(settings).using(space.aws().backend(), space.cluster()).apply();
 * space.applyHelmValues(result.helmValues());   // what helm upgrade does to the Space
 * }</pre>
 */
public final class FakeSpace {
  /** The Space's EKS cluster name. */
  public static final String CLUSTER = "spaces-prod";
  /** The add-on Pod Identity needs. */
  public static final String POD_IDENTITY_AGENT = "eks-pod-identity-agent";

  private final InMemoryAws aws;
  private final InMemoryCluster cluster;
  private final String clusterName;
  private final List<String> hostNamespaces = new ArrayList<>();
  /** group and name of the control plane of each host namespace. */
  private final Map<String, String[]> controlPlaneOf = new java.util.HashMap<>();
  private final WorkloadKind workloadKind;
  private int next;

  private FakeSpace(Builder b) {
    this.aws = b.aws;
    this.clusterName = b.clusterName;
    this.workloadKind = b.statefulSet ? WorkloadKind.STATEFULSET : WorkloadKind.DEPLOYMENT;
    aws.givenCluster(clusterName);
    if (b.podIdentityAgent) {
      aws.givenAddon(clusterName, POD_IDENTITY_AGENT);
    }
    this.cluster = new InMemoryCluster()
        .podIdentityFrom((ns, sa) -> aws.associationFor(clusterName, ns, sa).isPresent());
    for (int i = 0; i < b.controlPlanes; i++) {
      addControlPlane(b.groups.get(i % b.groups.size()));
    }
    aws.calls().reset();
  }

  /** A Space with {@code n} provisioned control planes. */
  public static Builder withControlPlanes(int n) {
    return new Builder().controlPlanes(n);
  }

  public InMemoryAws aws() {
    return aws;
  }

  public InMemoryCluster cluster() {
    return cluster;
  }

  /** The EKS cluster's name. */
  public String clusterName() {
    return clusterName;
  }

  /** The host namespaces of the provisioned control planes, in creation order. */
  public List<String> hostNamespaces() {
    return List.copyOf(hostNamespaces);
  }

  /**
   * Adds a provisioned control plane to a group, with its host namespace {@code mxp-<id>-system} and vector deployed;
   * returns the host namespace. Ids are deterministic.
   */
  public String addControlPlane(String group) {
    int i = next++;
    String id = new UUID(0x706c49fa5bb84a7eL, i).toString();
    String ns = cluster.givenControlPlane(group, "ctp-" + i, id, null, Map.of()).orElseThrow();
    controlPlaneOf.put(ns, new String[] {group, "ctp-" + i});
    cluster.givenServiceAccount(ns, "vector", Map.of());
    cluster.givenWorkload(workloadKind, ns, "vector", "vector", 1);
    hostNamespaces.add(ns);
    return ns;
  }

  /** Deletes a control plane (by host namespace): its {@code ControlPlane} object and its host namespace. */
  public void removeControlPlane(String hostNamespace) {
    String[] cp = controlPlaneOf.remove(hostNamespace);
    if (cp == null) {
      throw new IllegalArgumentException("no control plane in " + hostNamespace);
    }
    cluster.deleteControlPlane(cp[0], cp[1]);
    hostNamespaces.remove(hostNamespace);
  }

  /**
   * Plays the Space's Helm chart after {@code helm upgrade} with these values: every vector service account gets the
   * role-ARN annotation (IRSA), or loses it (Pod Identity). Running pods keep what they had, as on a real Space.
   */
  public void applyHelmValues(HelmValues values) {
    for (String ns : hostNamespaces) {
      cluster.annotate(ns, "vector", HelmValues.ROLE_ARN_ANNOTATION, values.roleArnAnnotation().orElse(null));
    }
  }

  /** Builds a {@link FakeSpace}. */
  public static final class Builder {
    private int controlPlanes;
    private List<String> groups = List.of("default");
    private boolean podIdentityAgent = true;
    private boolean statefulSet;
    private String clusterName = CLUSTER;
    private InMemoryAws aws = new InMemoryAws();

    public Builder controlPlanes(int n) {
      this.controlPlanes = n;
      return this;
    }

    /** Spreads the control planes over these groups, round robin. */
    public Builder groups(String... groups) {
      this.groups = List.of(groups);
      return this;
    }

    /** Whether the cluster has the {@code eks-pod-identity-agent} add-on (default yes). */
    public Builder podIdentityAgent(boolean installed) {
      this.podIdentityAgent = installed;
      return this;
    }

    /** Vector as a StatefulSet ({@code controlPlanes.vector.persistence.enabled=true}) instead of a Deployment. */
    public Builder vectorAsStatefulSet() {
      this.statefulSet = true;
      return this;
    }

    public Builder clusterName(String name) {
      this.clusterName = name;
      return this;
    }

    /** Uses this AWS fake (e.g. one behind the fake AWS server). */
    public Builder aws(InMemoryAws aws) {
      this.aws = aws;
      return this;
    }

    public FakeSpace build() {
      return new FakeSpace(this);
    }
  }
}
