package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.util.List;
import java.util.Optional;

/**
 * A Space that runs on IRSA, seeded directly in the fakes as the IRSA strategy (or the guide) would have left it: a
 * role whose trust holds the library's IRSA statement with one exact subject per control plane, the S3 policy, the
 * role-ARN annotation on every vector service account, and vector pods started with IRSA's variables.
 */
final class IrsaSetup {
  private IrsaSetup() {}

  /** Seeds IRSA for every control plane of {@code space} on role {@code roleName}; returns the IRSA settings. */
  static IrsaSettings seed(FakeSpace space, String roleName, int trustPolicyQuota) {
    InMemoryAws aws = space.aws();
    OidcIssuer issuer = OidcIssuer.of(aws.describeCluster(space.clusterName()).oidcIssuer().orElseThrow());
    List<String> subjects = space.hostNamespaces().stream().map(ns -> BillingPolicies.subject(ns, "vector")).toList();
    PolicyDocument trust = PolicyDocument.of(BillingPolicies.irsaStatement(aws.account(), issuer, subjects));
    aws.givenRole(roleName, trust.toJson(), Ownership.tags(space.clusterName()));
    aws.putRolePolicy(roleName, "billing-identity-s3", BillingPolicies.s3Access(Fixtures.STORAGE).toJson());
    String roleArn = aws.role(roleName).orElseThrow().arn();
    space.applyHelmValues(HelmValues.irsa(Fixtures.STORAGE, roleArn));
    for (String ns : space.hostNamespaces()) {
      space.cluster().givenWorkload(WorkloadKind.DEPLOYMENT, ns, "vector", "vector", 2); // new pods: IRSA's env
    }
    aws.calls().reset();
    assertThat(space.cluster().allPods()).allSatisfy(
        p -> assertThat(PodCredentials.of(p)).isEqualTo(PodCredentials.WEB_IDENTITY));
    return IrsaSettings.builder()
        .cluster(space.clusterName())
        .role(IamRole.named(roleName))
        .storage(Fixtures.STORAGE)
        .oidcIssuer(issuer)
        .trustPolicyQuota(trustPolicyQuota)
        .build();
  }

  /**
   * Fails unless every vector pod would get AWS credentials right now: a pod on IRSA needs its role to trust its
   * exact subject; a pod on Pod Identity needs an association whose role trusts Pod Identity for this cluster.
   */
  static void assertEveryPodHasWorkingCredentials(FakeSpace space) {
    InMemoryAws aws = space.aws();
    List<PodInfo> pods = space.cluster().allPods();
    assertThat(pods).isNotEmpty();
    for (PodInfo pod : pods) {
      String where = pod.namespace() + "/" + pod.name();
      switch (PodCredentials.of(pod)) {
        case WEB_IDENTITY -> {
          String roleArn = pod.env().get(PodCredentials.ROLE_ARN_ENV);
          PolicyDocument trust = trustOf(aws, roleArn).orElseThrow(() -> new AssertionError(where
              + " uses IRSA with role " + roleArn + ", which does not exist"));
          assertThat(IrsaTrust.hostNamespaces(trust, "vector")).as(where + " uses IRSA; its role must trust it")
              .contains(pod.namespace());
        }
        case POD_IDENTITY -> {
          Association a = aws.associationFor(space.clusterName(), pod.namespace(), "vector").orElseThrow(
              () -> new AssertionError(where + " uses Pod Identity but has no association"));
          PolicyDocument trust = trustOf(aws, a.roleArn()).orElseThrow(() -> new AssertionError(where
              + " is associated with role " + a.roleArn() + ", which does not exist"));
          assertThat(trust.statementsWithSidPrefix(BillingPolicies.POD_IDENTITY_SID))
              .as(where + " uses Pod Identity; its role must trust it")
              .containsExactly(Fixtures.expectedPodIdentityStatement(space));
        }
        case NONE -> fail(where + " has no AWS credentials: " + pod.env());
      }
    }
  }

  private static Optional<PolicyDocument> trustOf(InMemoryAws aws, String roleArn) {
    String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return aws.role(name).filter(r -> r.arn().equals(roleArn)).map(RoleInfo::trustPolicyJson)
        .map(PolicyDocument::parse);
  }
}
