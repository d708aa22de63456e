package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import java.util.List;
import java.util.Map;

/** The settings and the wiring the tests share: Pod Identity over a {@link FakeSpace}, retries without sleeping. */
final class Fixtures {
  static final String ROLE = "spaces-billing";
  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE;
  static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  /** Enough attempts that 30% throttling and seconds of IAM eventual consistency cannot exhaust them. */
  static final int ATTEMPTS = 40;

  private Fixtures() {}

  static PodIdentitySettings.Builder settings() {
    return PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER).role(IamRole.named(ROLE)).storage(STORAGE);
  }

  /**
   * Pod Identity for every control plane of {@code space}, retrying (reads and writes) without sleeping. The strategy
   * is the one {@link java.util.ServiceLoader} finds, as for a user.
   */
  static BillingIdentity podIdentity(FakeSpace space, PodIdentitySettings settings) {
    return BillingIdentity.podIdentity(settings)
        .using(space.aws().backend(), space.cluster())
        .forControlPlanes(ControlPlanes.discovered())
        .withRetry(Retry.withoutDelay(ATTEMPTS));
  }

  static BillingIdentity podIdentity(FakeSpace space) {
    return podIdentity(space, settings().build());
  }

  /** The library's associations of the cluster, by namespace. */
  static Map<String, Association> ownedAssociations(FakeSpace space) {
    return space.aws().associations(space.clusterName()).stream()
        .filter(a -> Ownership.isOwned(a.tags()))
        .collect(java.util.stream.Collectors.toMap(Association::namespace, a -> a));
  }

  /** The library's statements of a role's trust whose Sid starts with {@code sidPrefix}. */
  static List<Statement> statements(FakeSpace space, String roleName, String sidPrefix) {
    return PolicyDocument.parse(space.aws().role(roleName).orElseThrow().trustPolicyJson())
        .statementsWithSidPrefix(sidPrefix);
  }

  /** The Pod Identity statement the role must hold for the fake's account and cluster. */
  static Statement expectedPodIdentityStatement(FakeSpace space) {
    return BillingPolicies.podIdentityStatement(space.aws().account(), space.aws().clusterArn(space.clusterName()));
  }
}
