package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.kubernetes.SpacesResources;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise: a {@code ControlPlane}'s word is not enough. Whoever may create a {@code ControlPlane} may write any
 * namespace in {@code spec.hostNamespace.name}; the library gives vector's identity (an IRSA subject, a Pod Identity
 * association) only in a host namespace Spaces labelled for that control plane, and reports the others as not
 * provisioned, with the reason, in the plan and in the verification, writing nothing for them. Both modes, on the
 * in-memory cluster and on {@link Fabric8Cluster} against fabric8's mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class HostNamespaceTrustTest {
  KubernetesClient client;

  private static final String LEGIT_ID = "706c49fa-5bb8-4a7e-9f41-2fc38ef4b065";
  private static final String LEGIT_HOST = ControlPlane.defaultHostNamespace(LEGIT_ID);
  private static final String ROLE = "spaces-billing";
  private static final String NOT_LABELLED = "control plane team-a/cp1 is not provisioned: host namespace kube-system "
      + "is not labelled for control plane team-a/cp1";

  /** The two modes, each with its settings. */
  enum Mode {
    IRSA, POD_IDENTITY;

    BillingIdentity identity(FakeSpace space, ClusterPort cluster, ControlPlanes controlPlanes) {
      return identity(space, cluster, controlPlanes, false);
    }

    BillingIdentity identity(FakeSpace space, ClusterPort cluster, ControlPlanes controlPlanes,
        boolean trustUnlabelled) {
      BillingStorage storage = BillingStorage.s3("us-east-1", "acme-billing");
      BillingIdentity identity = this == IRSA
          ? BillingIdentity.irsa(IrsaSettings.builder().cluster(FakeSpace.CLUSTER).role(IamRole.named(ROLE))
              .storage(storage).trustUnlabelledHostNamespaces(trustUnlabelled).build())
          : BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER)
              .role(IamRole.named(ROLE)).storage(storage).trustUnlabelledHostNamespaces(trustUnlabelled).build());
      return identity.using(space.aws().backend(), cluster).forControlPlanes(controlPlanes)
          .withRetry(Retry.withoutDelay(3));
    }

    /** The host namespaces AWS lets vector in: the IRSA trust's subjects, or the cluster's associations. */
    Set<String> granted(FakeSpace space) {
      if (this == POD_IDENTITY) {
        return new TreeSet<>(space.aws().associations(FakeSpace.CLUSTER).stream().map(Association::namespace).toList());
      }
      Set<String> out = new TreeSet<>();
      space.aws().role(ROLE).ifPresent(role -> BillingPolicies.irsaSubjects(PolicyDocument.parse(role.trustPolicyJson()),
              OidcIssuer.of(space.issuerUrl())).forEach(s -> out.add(s.split(":")[2])));
      return out;
    }
  }

  /** What Spaces (or anyone allowed to) writes to the cluster, on either cluster. */
  interface Seed {
    /** A control plane as Spaces provisions it: the object, its labelled host namespace and vector's account. */
    default void provisionedControlPlane(String group, String name, String id) {
      controlPlaneObject(group, name, id, null);
      String host = ControlPlane.defaultHostNamespace(id);
      namespace(host, Map.of(SpacesResources.CONTROL_PLANE_NAME_LABEL, name,
          SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL, group));
      serviceAccount(host);
    }

    /** Only the {@code ControlPlane} object, with an id and {@code spec.hostNamespace.name} when non-null. */
    void controlPlaneObject(String group, String name, String id, String hostNamespace);

    void namespace(String name, Map<String, String> labels);

    void relabel(String name, Map<String, String> labels);

    /** vector's service account, as the chart makes it (or as anyone with access to the namespace could). */
    void serviceAccount(String namespace);

    ClusterPort port();
  }

  /** The in-memory cluster of the Space. */
  record InMemorySeed(InMemoryCluster cluster) implements Seed {
    @Override
    public void controlPlaneObject(String group, String name, String id, String hostNamespace) {
      cluster.givenControlPlaneObject(group, name, id, hostNamespace, Map.of());
    }

    @Override
    public void namespace(String name, Map<String, String> labels) {
      cluster.givenNamespace(name, labels);
    }

    @Override
    public void relabel(String name, Map<String, String> labels) {
      cluster.labelNamespace(name, labels);
    }

    @Override
    public void serviceAccount(String namespace) {
      cluster.givenServiceAccount(namespace, "vector", Map.of());
      cluster.givenWorkload(WorkloadKind.DEPLOYMENT, namespace, "vector", "vector", 1);
    }

    @Override
    public ClusterPort port() {
      return cluster;
    }
  }

  /** fabric8's mock API server in CRUD mode, through the real adapter. */
  record Fabric8Seed(KubernetesClient client) implements Seed {
    @Override
    public void controlPlaneObject(String group, String name, String id, String hostNamespace) {
      Map<String, Object> spec = new LinkedHashMap<>();
      if (hostNamespace != null) {
        spec.put("hostNamespace", Map.of("name", hostNamespace));
      }
      client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace(group).resource(
          new GenericKubernetesResourceBuilder().withApiVersion("spaces.upbound.io/v1beta1").withKind("ControlPlane")
              .withNewMetadata().withNamespace(group).withName(name).endMetadata()
              .addToAdditionalProperties("spec", spec)
              .addToAdditionalProperties("status", Map.of("controlPlaneID", id))
              .build()).create();
    }

    @Override
    public void namespace(String name, Map<String, String> labels) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
          .endMetadata().build()).create();
    }

    @Override
    public void relabel(String name, Map<String, String> labels) {
      client.namespaces().withName(name).edit(ns -> {
        ns.getMetadata().setLabels(new HashMap<>(labels));
        return ns;
      });
    }

    @Override
    public void serviceAccount(String namespace) {
      client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
          .withNamespace(namespace).withName("vector").endMetadata().build()).create();
    }

    @Override
    public ClusterPort port() {
      return new Fabric8Cluster(client);
    }
  }

  /** Which cluster the test runs on. */
  enum Cluster {
    IN_MEMORY(test -> new InMemorySeed(test.space.cluster())),
    FABRIC8(test -> new Fabric8Seed(test.client));

    final Function<HostNamespaceTrustTest, Seed> seed;

    Cluster(Function<HostNamespaceTrustTest, Seed> seed) {
      this.seed = seed;
    }
  }

  static Stream<Arguments> modesAndClusters() {
    return Stream.of(Mode.values()).flatMap(m -> Stream.of(Cluster.values()).map(c -> Arguments.of(m, c)));
  }

  private final FakeSpace space = FakeSpace.withControlPlanes(0).build();

  /** A Space with one true control plane, and {@code team-a/cp1} whose object names {@code kube-system}. */
  private Seed kubeSystemClaimed(Cluster cluster) {
    Seed seed = cluster.seed.apply(this);
    seed.provisionedControlPlane("team-a", "legit", LEGIT_ID);
    seed.namespace("kube-system", Map.of());
    seed.serviceAccount("kube-system");
    seed.controlPlaneObject("team-a", "cp1", "11111111-2222-3333-4444-555555555555", "kube-system");
    return seed;
  }

  private static Finding finding(VerificationReport report, String subject) {
    return report.about(subject).stream().filter(f -> !f.isOk()).findFirst().orElseThrow(() ->
        new AssertionError("no finding about " + subject + " in\n" + report.render()));
  }

  @ParameterizedTest
  @MethodSource("modesAndClusters")
  void aControlPlaneNamingKubeSystemGetsNoIdentityAndIsReportedWithTheReason(Mode mode, Cluster cluster) {
    Seed seed = kubeSystemClaimed(cluster);
    BillingIdentity identity = mode.identity(space, seed.port(), ControlPlanes.discovered());

    Plan plan = identity.plan();
    identity.apply();
    VerificationReport report = identity.verify();

    assertThat(mode.granted(space)).containsExactly(LEGIT_HOST);
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith(NOT_LABELLED));
    assertThat(finding(report, "kube-system")).satisfies(f -> {
      assertThat(f.state()).isEqualTo(FindingState.MISSING);
      assertThat(f.detail()).startsWith(NOT_LABELLED);
    });
    assertThat(report.isHealthy()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("modesAndClusters")
  void aGrantMadeWhileTheNamespaceWasLabelledIsNeitherWidenedNorPrunedOnceTheLabelsGo(Mode mode, Cluster cluster) {
    Seed seed = cluster.seed.apply(this);
    seed.provisionedControlPlane("team-a", "legit", LEGIT_ID);
    String host = "team-a-cp1-host";
    seed.namespace(host, Map.of(SpacesResources.CONTROL_PLANE_NAME_LABEL, "cp1",
        SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL, "team-a"));
    seed.serviceAccount(host);
    seed.controlPlaneObject("team-a", "cp1", "11111111-2222-3333-4444-555555555555", host);
    BillingIdentity identity = mode.identity(space, seed.port(), ControlPlanes.discovered());
    identity.apply();
    assertThat(mode.granted(space)).containsExactlyInAnyOrder(LEGIT_HOST, host);

    seed.relabel(host, Map.of(SpacesResources.CONTROL_PLANE_NAME_LABEL, "cp1")); // the group label is gone
    Plan plan = identity.plan();

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note)
        .startsWith("control plane team-a/cp1 is not provisioned: host namespace " + host
            + " is not labelled for control plane team-a/cp1")
        .contains("which is kept while a ControlPlane claims " + host));
    assertThat(identity.apply().calls().writes()).isZero();
    assertThat(mode.granted(space)).containsExactlyInAnyOrder(LEGIT_HOST, host);
  }

  @ParameterizedTest
  @MethodSource("modesAndClusters")
  void ofTwoControlPlanesClaimingOneHostNamespaceOnlyTheOneItsLabelsNameGetsIt(Mode mode, Cluster cluster) {
    Seed seed = cluster.seed.apply(this);
    seed.provisionedControlPlane("team-a", "legit", LEGIT_ID);
    seed.controlPlaneObject("team-b", "intruder", "11111111-2222-3333-4444-555555555555", LEGIT_HOST);
    BillingIdentity identity = mode.identity(space, seed.port(), ControlPlanes.discovered());

    Plan plan = identity.plan();
    identity.apply();

    assertThat(mode.granted(space)).containsExactly(LEGIT_HOST);
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith("control plane team-b/intruder is not "
        + "provisioned: host namespace " + LEGIT_HOST + " is labelled for control plane team-a/legit, not "
        + "team-b/intruder"));
    assertThat(identity.verify().about(LEGIT_HOST)).anySatisfy(f -> {
      assertThat(f.state()).isEqualTo(FindingState.MISSING);
      assertThat(f.detail()).startsWith("control plane team-b/intruder is not provisioned");
    });
  }

  @ParameterizedTest
  @MethodSource("modesAndClusters")
  void anExplicitSystemNamespaceIsRefusedButAnExplicitOrdinaryOneIsTheCallersWord(Mode mode, Cluster cluster) {
    Seed seed = cluster.seed.apply(this);
    seed.namespace("kube-system", Map.of());
    seed.serviceAccount("kube-system");
    seed.namespace("billing-by-hand", Map.of());
    seed.serviceAccount("billing-by-hand");
    BillingIdentity identity = mode.identity(space, seed.port(),
        ControlPlanes.hostNamespaces("kube-system", "billing-by-hand"));

    Plan plan = identity.plan();
    identity.apply();

    assertThat(mode.granted(space)).containsExactly("billing-by-hand");
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith("control plane kube-system is not "
        + "provisioned: host namespace kube-system is a Kubernetes system namespace"));
    assertThat(finding(identity.verify(), "kube-system").state()).isEqualTo(FindingState.MISSING);
  }

  @ParameterizedTest
  @MethodSource("modesAndClusters")
  void theOptInTrustsAnUnlabelledHostNamespaceButNeverASystemNamespace(Mode mode, Cluster cluster) {
    Seed seed = kubeSystemClaimed(cluster);
    seed.namespace("custom-host", Map.of());
    seed.serviceAccount("custom-host");
    seed.controlPlaneObject("team-a", "custom", "22222222-2222-3333-4444-555555555555", "custom-host");

    Plan strict = mode.identity(space, seed.port(), ControlPlanes.discovered()).plan();
    BillingIdentity trusting = mode.identity(space, seed.port(), ControlPlanes.discovered(), true);
    Plan plan = trusting.plan();
    trusting.apply();

    assertThat(mode.granted(space)).containsExactlyInAnyOrder(LEGIT_HOST, "custom-host");
    assertThat(strict.notes()).anySatisfy(note -> assertThat(note).startsWith("control plane team-a/custom is not "
        + "provisioned: host namespace custom-host is not labelled for control plane team-a/custom"));
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith(NOT_LABELLED)
        .contains("is a Kubernetes system namespace, which trustUnlabelledHostNamespaces does not cover"));
    assertThat(finding(trusting.verify(), "kube-system").state()).isEqualTo(FindingState.MISSING);
  }

  @ParameterizedTest
  @MethodSource("modesAndClusters")
  void withTheOptInTwoControlPlanesClaimingOneUnlabelledNamespaceGetNothingEvenWhenOneGroupIsChosen(Mode mode,
      Cluster cluster) {
    Seed seed = cluster.seed.apply(this);
    seed.provisionedControlPlane("team-a", "legit", LEGIT_ID);
    seed.namespace("shared-host", Map.of());
    seed.serviceAccount("shared-host");
    seed.controlPlaneObject("team-a", "one", "11111111-2222-3333-4444-555555555555", "shared-host");
    seed.controlPlaneObject("team-b", "two", "22222222-2222-3333-4444-555555555555", "shared-host");

    // Asked for team-a only, the port lists team-a's control planes; team-b's claim is found in the full list.
    BillingIdentity teamA = mode.identity(space, seed.port(), ControlPlanes.discoveredInGroups("team-a"), true);
    Plan plan = teamA.plan();
    teamA.apply();
    mode.identity(space, seed.port(), ControlPlanes.discovered(), true).apply();

    assertThat(mode.granted(space)).containsExactly(LEGIT_HOST);
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith("control plane team-a/one is not "
        + "provisioned: host namespace shared-host is not labelled for control plane team-a/one and is also the host "
        + "namespace of control plane(s) [team-b/two]"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void labelsThatGoBetweenDiscoveryAndObservationAreSeenThere(Mode mode) {
    Seed seed = Cluster.IN_MEMORY.seed.apply(this);
    seed.provisionedControlPlane("team-a", "legit", LEGIT_ID);
    // The port judged the labels it listed at discovery; they are gone by the time the observation lists namespaces.
    space.cluster().faults().beforeCall("listServiceAccounts", 1,
        () -> space.cluster().labelNamespace(LEGIT_HOST, Map.of()));

    Plan plan = mode.identity(space, seed.port(), ControlPlanes.discovered()).plan();

    assertThat(plan.changes()).noneSatisfy(c -> assertThat(c.toJson().toString()).contains(LEGIT_HOST));
    assertThat(plan.notes()).anySatisfy(note -> assertThat(note).startsWith("control plane team-a/legit is not "
        + "provisioned: host namespace " + LEGIT_HOST + " is not labelled for control plane team-a/legit"));
  }
}
