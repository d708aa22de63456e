package dev.billingidentity.irsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.ApplyFailedException;
import dev.billingidentity.plan.ApplyOptions;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.role.RoleNotOwnedException;
import dev.billingidentity.role.TrustPolicyQuotaException;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.FindingState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IRSA apply, end to end, against the in-memory fakes. */
class IrsaApplyTest {
  static final IrsaSettings SETTINGS = IrsaSettings.builder()
      .cluster(FakeSpace.CLUSTER)
      .role(IamRole.named("spaces-billing"))
      .storage(BillingStorage.s3("us-east-1", "acme-billing"))
      .build();

  static BillingIdentity irsa(FakeSpace space, IrsaSettings settings) {
    return BillingIdentity.irsa(settings).using(space.aws().backend(), space.cluster())
        .withRetry(Retry.withoutDelay(5)).forControlPlanes(ControlPlanes.discovered());
  }

  private static PolicyDocument trust(FakeSpace space) {
    return PolicyDocument.parse(space.aws().role("spaces-billing").orElseThrow().trustPolicyJson());
  }

  private static String issuer(FakeSpace space) {
    return space.aws().describeCluster(FakeSpace.CLUSTER).oidcIssuer().orElseThrow();
  }

  @Test
  void firstApplyCreatesProviderRoleTrustAndPolicyAndTheSecondWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();

    ApplyResult first = irsa(space, SETTINGS).apply();
    ApplyResult second = irsa(space, SETTINGS).apply();

    assertThat(first.applied()).extracting(c -> c.kind())
        .containsExactly("CreateOidcProvider", "CreateRole", "PutRolePolicy");
    assertThat(space.aws().oidcProviders()).singleElement()
        .satisfies(p -> assertThat(p.clientIds()).containsExactly("sts.amazonaws.com"));
    assertThat(space.aws().role("spaces-billing").orElseThrow().tags()).containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE);
    assertThat(BillingPolicies.irsaSubjects(trust(space), dev.billingidentity.aws.OidcIssuer.of(issuer(space))))
        .containsExactlyInAnyOrderElementsOf(space.hostNamespaces().stream()
            .map(ns -> "system:serviceaccount:" + ns + ":vector").toList());
    assertThat(PolicyDocument.parse(space.aws().rolePolicies("spaces-billing").get("billing-identity-s3"))
        .isEquivalentTo(BillingPolicies.s3Access(SETTINGS.storage()))).isTrue();
    assertThat(second.applied()).isEmpty();
    assertThat(second.calls().writes()).isZero();
    assertThat(first.helmValues().roleArnAnnotation()).contains("arn:aws:iam::123456789012:role/spaces-billing");
  }

  @Test
  void aPlanReadsTheRoleAlongsideTheBucketNotAfterIt() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    // Held until the role has been read: with the reads one after another, as before, it never would be.
    space.aws().faults().beforeCall("HeadBucket", 1, () -> {
      if (!space.aws().calls().awaitCount("GetRole", 1, Duration.ofSeconds(10))) {
        throw new AssertionError("the bucket was asked before the role was read");
      }
    });

    Plan plan = irsa(space, SETTINGS).plan();

    assertThat(plan.blocker()).isEmpty();
    assertThat(plan.changes()).extracting(c -> c.kind())
        .containsExactly("CreateOidcProvider", "CreateRole", "PutRolePolicy");
    assertThat(space.aws().calls().count("HeadBucket")).isEqualTo(1);
  }

  @Test
  void withOneThreadThePlanReadsTheSameAndNothingWaitsForever() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();

    Plan plan = irsa(space, SETTINGS).withOptions(ApplyOptions.defaults().withConcurrency(1)).plan();

    assertThat(plan.blocker()).isEmpty();
    assertThat(plan.changes()).extracting(c -> c.kind())
        .containsExactly("CreateOidcProvider", "CreateRole", "PutRolePolicy");
  }

  @Test
  void whenTwoReadsFailThePlanReportsTheOneThatUsedToComeFirst() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    space.aws().faults().failCall("DescribeCluster", 1, () -> new AccessDeniedException("EKS", "DescribeCluster",
        "AccessDeniedException", 403, "not authorized to perform: eks:DescribeCluster"));
    space.aws().faults().failCall("HeadBucket", 1, () -> new IllegalStateException("the bucket read failed too"));

    assertThatThrownBy(() -> irsa(space, SETTINGS).plan())
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("eks:DescribeCluster");
  }

  @Test
  void stsIsAskedOnceEvenWhenItFailsAndSeveralReadsWantTheAccount() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    space.aws().faults().failCall("GetCallerIdentity", 1, () -> new AccessDeniedException("STS",
        "GetCallerIdentity", "AccessDenied", 403, "not authorized to perform: sts:GetCallerIdentity"));

    assertThatThrownBy(() -> irsa(space, SETTINGS).plan()).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("sts:GetCallerIdentity");
    assertThat(space.aws().calls().count("GetCallerIdentity")).isEqualTo(1);
  }

  @Test
  void awsCallsOfAnApplyDoNotGrowWithTheNumberOfControlPlanes() {
    FakeSpace one = FakeSpace.withControlPlanes(1).build();
    FakeSpace twenty = FakeSpace.withControlPlanes(20).build();

    ApplyResult small = irsa(one, SETTINGS).apply();
    ApplyResult large = irsa(twenty, SETTINGS).apply();

    assertThat(large.calls().of("iam")).isEqualTo(small.calls().of("iam"));
    assertThat(large.calls().of("eks")).isEqualTo(small.calls().of("eks"));
    assertThat(twenty.aws().calls().total()).isEqualTo(one.aws().calls().total());
    assertThat(large.calls().of("cluster")).isEqualTo(small.calls().of("cluster"));
  }

  @Test
  void theLargestCountThatFitsTheDefaultQuotaAppliesAndOneMoreFailsBeforeAnyWrite() {
    FakeSpace space = FakeSpace.withControlPlanes(20).build();
    irsa(space, SETTINGS).apply();
    assertThat(trust(space).size()).isLessThanOrEqualTo(2048);

    space.addControlPlane("default");
    space.aws().calls().reset();
    Plan plan = irsa(space, SETTINGS).plan();

    assertThat(plan.capacity()).hasValueSatisfying(c -> {
      assertThat(c.fits()).isFalse();
      assertThat(c.subjects()).isEqualTo(21);
      assertThat(c.quota()).isEqualTo(2048);
    });
    assertThatThrownBy(() -> irsa(space, SETTINGS).apply())
        .isInstanceOf(TrustPolicyQuotaException.class)
        .hasMessageContaining("over the account's quota of 2048")
        .hasMessageContaining("Pod Identity")
        .hasMessageContaining("--allow-host-namespace-pattern")
        .hasMessageContaining("L-C07B4B0D");
    assertThat(space.aws().calls().writes()).isZero();

    space.aws().trustPolicyQuota(4096);
    ApplyResult raised = irsa(space, SETTINGS.withTrustPolicyQuota(4096)).apply();
    assertThat(raised.plan().capacity().orElseThrow().subjects()).isEqualTo(21);
    assertThat(raised.verification().about(space.hostNamespaces().get(20)))
        .anySatisfy(f -> assertThat(f.check()).isEqualTo("trust-subject"));
  }

  @Test
  void theHostNamespacePatternIsWrittenOnlyWhenOptedIn() {
    FakeSpace space = FakeSpace.withControlPlanes(25).build();

    irsa(space, SETTINGS.withAllowHostNamespacePattern(true)).apply();

    PolicyDocument trust = trust(space);
    assertThat(trust.statements()).singleElement()
        .satisfies(s -> assertThat(s.sid()).contains(BillingPolicies.IRSA_PATTERN_SID));
    assertThat(trust.toJson()).contains("system:serviceaccount:mxp-*-system:vector");
  }

  @Test
  void foreignStatementsWithNonStringConditionsSurviveApplyAndDestroy() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    String foreign = "{\"Sid\":\"CiDeploy\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/ci\"},"
        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":true},"
        + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}}";
    space.aws().givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[" + foreign + "]}",
        Ownership.tags(FakeSpace.CLUSTER));

    irsa(space, SETTINGS).apply();
    assertThat(trust(space).statements().get(0).toString()).isEqualTo(foreign);
    assertThat(trust(space).statements()).hasSize(2);

    ApplyResult destroyed = irsa(space, SETTINGS).destroy();
    assertThat(trust(space).statements()).singleElement().satisfies(s -> assertThat(s.toString()).isEqualTo(foreign));
    assertThat(space.aws().role("spaces-billing")).isPresent();
    assertThat(space.aws().rolePolicies("spaces-billing")).isEmpty();
    assertThat(destroyed.plan().notes()).anySatisfy(n -> assertThat(n).contains("did not write"));
  }

  @Test
  void aTrustUpdateThatFailsIsNamedInTheErrorEvenWhenItRunsInPlaceOfTheRolesCreation() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    Plan plan = irsa(space, SETTINGS).plan();
    // Another applier creates the library's role between this plan and its apply: CreateRole then edits its trust.
    space.aws().givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ci\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/ci\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}", Ownership.tags(FakeSpace.CLUSTER));
    space.aws().faults().failCall("UpdateAssumeRolePolicy", 1, () -> new AccessDeniedException("IAM",
        "UpdateAssumeRolePolicy", "AccessDenied", 403, "not authorized to perform: iam:UpdateAssumeRolePolicy"));

    ApplyFailedException e = catchThrowableOfType(ApplyFailedException.class, () -> irsa(space, SETTINGS).apply(plan));

    assertThat(e.failed().kind()).isEqualTo("UpdateTrustPolicy");
    assertThat(e.applied()).extracting(c -> c.kind()).containsExactly("CreateOidcProvider");
    assertThat(e.getMessage())
        .startsWith("apply stopped at '~ update trust policy of role spaces-billing: add 1 subject: "
            + "system:serviceaccount:" + space.hostNamespaces().get(0) + ":vector'")
        .contains("in place of '+ create role spaces-billing")
        .contains("after 1 applied change(s) ('+ create IAM OIDC provider")
        .contains("iam:UpdateAssumeRolePolicy");
  }

  @Test
  void destroyDeletesTheRoleItCreatedAndKeepsTheSharedOidcProvider() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    irsa(space, SETTINGS).apply();

    irsa(space, SETTINGS).destroy();

    assertThat(space.aws().role("spaces-billing")).isEmpty();
    assertThat(space.aws().oidcProviders()).hasSize(1);
  }

  @Test
  void aRoleTheLibraryDoesNotOwnIsRefusedUnlessAdopted() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    space.aws().givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", Map.of());

    assertThatThrownBy(() -> irsa(space, SETTINGS).plan()).isInstanceOf(RoleNotOwnedException.class)
        .hasMessageContaining("spaces-billing").hasMessageContaining("adoptExistingRole");
    assertThat(space.aws().calls().writes()).isZero();

    ApplyResult adopted = irsa(space, SETTINGS.withAdoptExistingRole(true)).apply();
    assertThat(adopted.applied()).extracting(c -> c.kind()).contains("AdoptRole", "UpdateTrustPolicy");
    assertThat(trust(space).statements()).hasSize(2);
  }

  @Test
  void goneControlPlanesArePrunedUnlessPruningIsOffAndPendingOnesAreReported() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    irsa(space, SETTINGS).apply();
    String gone = space.hostNamespaces().get(0);
    space.removeControlPlane(gone);
    space.cluster().givenControlPlane("default", "new-one", null, null, Map.of());

    Plan kept = irsa(space, SETTINGS.withPrune(false)).plan();
    ApplyResult pruned = irsa(space, SETTINGS).apply();

    assertThat(kept.isEmpty()).isTrue();
    assertThat(kept.notes()).anySatisfy(n -> assertThat(n).contains("pruning is off").contains(gone));
    assertThat(pruned.plan().notes()).anySatisfy(n -> assertThat(n).contains("default/new-one").contains("not provisioned"));
    assertThat(trust(space).toJson()).doesNotContain(gone);
    assertThat(pruned.verification().findings()).anySatisfy(f -> assertThat(f.state()).isEqualTo(FindingState.PENDING));
  }

  @Test
  void explicitHostNamespacesAddToTheTrustAndKeepOtherExistingOnes() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    String a = space.hostNamespaces().get(0);
    String b = space.hostNamespaces().get(1);

    BillingIdentity.irsa(SETTINGS).using(space.aws().backend(), space.cluster())
        .forControlPlanes(ControlPlanes.hostNamespaces(a)).apply();
    BillingIdentity.irsa(SETTINGS).using(space.aws().backend(), space.cluster())
        .forControlPlanes(ControlPlanes.hostNamespaces(b)).apply();

    assertThat(trust(space).toJson()).contains(a).contains(b).doesNotContain(space.hostNamespaces().get(2));
  }
}
