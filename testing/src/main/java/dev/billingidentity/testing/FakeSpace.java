package dev.billingidentity.testing;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An Upbound Space on EKS, in memory, in one line: an EKS cluster (with an OIDC issuer, which signs the host cluster's
 * service-account tokens, and, by default, the Pod
 * Identity agent add-on) and the billing bucket {@value #BUCKET} (in the fake's region, SSE-S3) in an
 * {@link InMemoryAws}, and its host cluster ({@link InMemoryCluster}, wired to the
 * associations) with N provisioned control planes, each with vector deployed: one pod, created at build time, so
 * without credentials until the identity exists and the pod is replaced.
 *
 * <p>Control plane {@code i} is {@code ctp-<i>} with the id {@code 706c49fa-5bb8-4a7e-0000-<i as 12 hex digits>}, so
 * its host namespace is {@code mxp-706c49fa-5bb8-4a7e-0000-00000000000<i>-system} in every run. The AWS call log is
 * reset after building, so a test counts only its own calls.
 *
 * <pre>{@code
 * FakeSpace space = FakeSpace.withControlPlanes(20).build();
 * ApplyResult result = BillingIdentity.irsa(settings).using(space.aws().backend(), space.cluster()).apply();
 * space.applyHelmValues(result.helmValues());   // what helm upgrade does to the Space
 * }</pre>
 */
public final class FakeSpace {
  /** The Space's EKS cluster name unless the builder says otherwise. */
  public static final String CLUSTER = "spaces-prod";
  /** The add-on Pod Identity needs. */
  public static final String POD_IDENTITY_AGENT = InMemoryAws.POD_IDENTITY_AGENT;
  /** The billing workload and its service account. */
  public static final String VECTOR = InMemoryCluster.VECTOR;
  /** The billing bucket the Space writes to unless the builder says otherwise, in the AWS fake's region. */
  public static final String BUCKET = "acme-billing";

  private final InMemoryAws aws;
  private final InMemoryCluster cluster;
  private final String clusterName;
  private final ServiceAccountIssuer issuer;
  private final WorkloadKind workloadKind;
  /** The control plane of each host namespace, in creation order. */
  private final Map<String, ControlPlane> controlPlanes = new LinkedHashMap<>();
  private int next;

  private FakeSpace(Builder b) {
    this.aws = b.aws;
    this.clusterName = b.clusterName;
    this.workloadKind = b.workloadKind;
    // The host cluster's service-account issuer is the EKS cluster's OIDC issuer, as on EKS.
    this.issuer = new ServiceAccountIssuer(aws.givenCluster(clusterName));
    // STS and EKS Auth fetch the issuer's public keys to verify its tokens: the fake's know them.
    aws.trustIssuerKeys(issuer.url(), issuer.publicJwks());
    if (b.bucket != null) {
      aws.s3().givenBucket(b.bucket, b.bucketRegion != null ? b.bucketRegion : aws.region());
    }
    if (b.podIdentityAgent) {
      aws.givenAddon(clusterName, POD_IDENTITY_AGENT);
    }
    this.cluster = new InMemoryCluster().podIdentityFrom(aws, clusterName).issuer(issuer);
    for (int i = 0; i < b.controlPlanes; i++) {
      addControlPlane(b.groups.get(i % b.groups.size()));
    }
    aws.calls().reset();
  }

  /** A Space with {@code n} provisioned control planes, to be {@linkplain Builder#build() built}. */
  public static Builder withControlPlanes(int n) {
    return new Builder().controlPlanes(n);
  }

  /** IAM, STS and EKS of the Space's account. */
  public InMemoryAws aws() {
    return aws;
  }

  /** The Space's host cluster. */
  public InMemoryCluster cluster() {
    return cluster;
  }

  /** The EKS cluster's name. */
  public String clusterName() {
    return clusterName;
  }

  /** The EKS cluster's OIDC issuer URL, with {@code https://}: the URL of {@link #issuer()}. */
  public String issuerUrl() {
    return issuer.url();
  }

  /**
   * The host cluster's service-account issuer: its URL is the EKS cluster's OIDC issuer, and it signs the tokens the
   * cluster's TokenRequest answers; its {@linkplain ServiceAccountIssuer#publicJwks() public keys} are what a fake STS
   * or EKS Auth verifies them with.
   */
  public ServiceAccountIssuer issuer() {
    return issuer;
  }

  /** The host namespaces of the Space's control planes, in creation order. */
  public synchronized List<String> hostNamespaces() {
    return List.copyOf(controlPlanes.keySet());
  }

  /** The Space's control planes (provisioned), in creation order. */
  public synchronized List<ControlPlane> controlPlanes() {
    return List.copyOf(controlPlanes.values());
  }

  /** The vector workload of a host namespace, e.g. to {@linkplain InMemoryCluster#restart restart} it. */
  public WorkloadRef vector(String hostNamespace) {
    return new WorkloadRef(workloadKind, hostNamespace, VECTOR);
  }

  /**
   * Adds a provisioned control plane to a group, as Spaces provisions one: the {@code ControlPlane} with a
   * deterministic id, its labelled host namespace {@code mxp-<id>-system}, the {@code vector} service account (no
   * annotation) and vector with one pod created now. Returns the host namespace.
   */
  public synchronized String addControlPlane(String group) {
    int i = next++;
    String id = new UUID(0x706c49fa5bb84a7eL, i).toString();
    String name = "ctp-" + i;
    String ns = cluster.givenControlPlane(group, name, id, null, Map.of()).orElseThrow();
    cluster.givenServiceAccount(ns, VECTOR, Map.of());
    cluster.givenWorkload(workloadKind, ns, VECTOR, VECTOR, 1);
    controlPlanes.put(ns, ControlPlane.provisioned(group, name, ns));
    return ns;
  }

  /** Deletes a control plane (by host namespace): its {@code ControlPlane} object and its host namespace. */
  public synchronized void removeControlPlane(String hostNamespace) {
    ControlPlane cp = controlPlanes.remove(hostNamespace);
    if (cp == null) {
      throw new IllegalArgumentException("no control plane in " + hostNamespace);
    }
    cluster.deleteControlPlane(cp.group().orElseThrow(), cp.name());
  }

  /**
   * Plays the Space's Helm chart after {@code helm upgrade} with these values: every vector service account gets the
   * role-ARN annotation (IRSA), or loses it (Pod Identity). Running pods keep what they had, as on a real Space.
   */
  public synchronized void applyHelmValues(HelmValues values) {
    for (String ns : controlPlanes.keySet()) {
      cluster.annotate(ns, VECTOR, HelmValues.ROLE_ARN_ANNOTATION, values.roleArnAnnotation().orElse(null));
    }
  }

  /** E.g. {@code FakeSpace[spaces-prod, 20 control planes]}. */
  @Override
  public synchronized String toString() {
    return "FakeSpace[" + clusterName + ", " + controlPlanes.size() + " control planes]";
  }

  /** Builds a {@link FakeSpace}. */
  public static final class Builder {
    private int controlPlanes;
    private List<String> groups = List.of("default");
    private boolean podIdentityAgent = true;
    private WorkloadKind workloadKind = WorkloadKind.DEPLOYMENT;
    private String clusterName = CLUSTER;
    private String bucket = BUCKET;
    private String bucketRegion;
    private InMemoryAws aws;

    private Builder() {}

    /** How many provisioned control planes the Space starts with. */
    public Builder controlPlanes(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("a count of control planes is not negative, was " + n);
      }
      this.controlPlanes = n;
      return this;
    }

    /** Spreads the control planes over these groups, round robin ({@code default} alone unless set). */
    public Builder groups(String... groups) {
      if (groups.length == 0) {
        throw new IllegalArgumentException("at least one group");
      }
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
      this.workloadKind = WorkloadKind.STATEFULSET;
      return this;
    }

    /** The EKS cluster's name ({@value FakeSpace#CLUSTER} unless set). */
    public Builder clusterName(String name) {
      this.clusterName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The billing bucket to create ({@value FakeSpace#BUCKET} unless set), in {@code region}. */
    public Builder bucket(String name, String region) {
      this.bucket = Objects.requireNonNull(name, "name");
      this.bucketRegion = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Creates no billing bucket: every plan is then blocked until the test creates one. */
    public Builder noBucket() {
      this.bucket = null;
      return this;
    }

    /** Uses this AWS fake (e.g. one behind a fake AWS server, or one of another account); a new one unless set. */
    public Builder aws(InMemoryAws aws) {
      this.aws = Objects.requireNonNull(aws, "aws");
      return this;
    }

    /** The Space. */
    public FakeSpace build() {
      if (aws == null) {
        aws = new InMemoryAws();
      }
      FakeSpace space = new FakeSpace(this);
      aws = null; // a builder used twice makes two independent Spaces
      return space;
    }
  }
}
