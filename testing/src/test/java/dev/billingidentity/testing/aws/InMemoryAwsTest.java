package dev.billingidentity.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.ResourceInUseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the AWS fake promises beyond the kits: its formats, its seeding, its call log, its limits, its threads. */
class InMemoryAwsTest {
  private static final String POD_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

  private final InMemoryAws aws = new InMemoryAws();

  /** A valid trust policy of exactly {@code size} characters. */
  private static String trustOfSize(int size) {
    String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:t\":\"";
    String tail = "\"}}}]}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }

  @Test
  void aTrustPolicyOf2049CharactersIsRefusedWithIamsQuotaErrorAndAcceptedOnceTheQuotaIsRaised() {
    String trust = trustOfSize(2049);
    assertThat(trust).hasSize(2049);
    assertThat(PolicyDocument.parse(trust).size()).isEqualTo(2049);

    assertThatThrownBy(() -> aws.createRole(new NewRole("spaces-billing", "/", trust, "", Map.of())))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageEndingWith("LimitExceeded (HTTP 409): Cannot exceed quota for ACLSizePerRole: 2048");
    assertThat(aws.role("spaces-billing")).isEmpty();

    aws.trustPolicyQuota(4096);

    aws.createRole(new NewRole("spaces-billing", "/", trust, "", Map.of()));
    assertThat(aws.role("spaces-billing")).hasValueSatisfying(r -> assertThat(r.trustPolicyJson()).isEqualTo(trust));
    assertThat(aws.trustPolicyQuota()).isEqualTo(4096);
  }

  @Test
  void getRoleGivesTheTrustPolicyExactlyAsItWasWritten() {
    String pretty = PolicyDocument.parse(POD_TRUST).toPrettyJson();

    aws.createRole(new NewRole("r", "/", pretty, "", Map.of()));

    assertThat(aws.findRole("r").orElseThrow().trustPolicyJson()).isEqualTo(pretty);
  }

  @Test
  void namesAndArnsAreShapedAsAwsShapesThem() {
    String issuer = aws.givenCluster("spaces-prod");
    String roleArn = aws.createRole(new NewRole("r", "/", POD_TRUST, "", Map.of())).arn();
    var association = aws.createPodIdentityAssociation(new NewAssociation("spaces-prod", "ns", "vector", roleArn,
        Map.of()));

    assertThat(issuer).matches("https://oidc\\.eks\\.us-east-1\\.amazonaws\\.com/id/[0-9A-F]{32}");
    assertThat(aws.clusterArn("spaces-prod")).isEqualTo("arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod");
    assertThat(roleArn).isEqualTo("arn:aws:iam::123456789012:role/r");
    assertThat(association.associationId()).matches("a-[a-z0-9]{17}");
    assertThat(association.associationArn()).isEqualTo("arn:aws:eks:us-east-1:123456789012:podidentityassociation/"
        + "spaces-prod/" + association.associationId());
    assertThat(aws.callerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/platform-admin");
    assertThat(aws.account().id()).isEqualTo("123456789012");
  }

  @Test
  void chinaHasItsOwnPartitionInEveryArnAndIssuer() {
    InMemoryAws china = new InMemoryAws("123456789012", Partition.AWS_CN, "cn-north-1");

    String issuer = china.givenCluster("c");

    assertThat(issuer).startsWith("https://oidc.eks.cn-north-1.amazonaws.com.cn/id/");
    assertThat(china.clusterArn("c")).startsWith("arn:aws-cn:eks:cn-north-1:");
    assertThat(china.callerIdentity().awsAccount().partition()).isEqualTo(Partition.AWS_CN);
    String providerArn = china.createOidcProvider(new dev.billingidentity.spi.aws.NewOidcProvider(issuer,
        List.of("sts.amazonaws.com"), List.of(), Map.of()));
    assertThat(providerArn).startsWith("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/");
  }

  @Test
  void seedingAndInspectingLogNoCall() {
    aws.givenCluster("c");
    aws.givenAddon("c", InMemoryAws.POD_IDENTITY_AGENT);
    aws.givenRole("r", POD_TRUST, Map.of("owner", "someone-else"));
    aws.givenRolePolicy("r", "p", "{}");
    aws.givenOidcProvider("https://oidc.example.com/id/1");
    aws.givenAssociation("c", "ns", "vector", "arn:aws:iam::123456789012:role/r", Map.of());
    aws.setTrustPolicy("r", POD_TRUST);
    aws.role("r");
    aws.associations("c");
    aws.associationFor("c", "ns", "vector");
    aws.propagatedTrustPolicy("r");

    assertThat(aws.calls().total()).isZero();
  }

  @Test
  void theCallLogCountsEveryCallByAwsOperationAndSeparatesReadsFromWrites() {
    aws.givenCluster("c");
    aws.createRole(new NewRole("r", "/", POD_TRUST, "", Map.of()));
    aws.findRole("r");
    aws.findRole("nobody");
    aws.updateTrustPolicy("r", POD_TRUST);
    aws.describeCluster("c");
    assertThatThrownBy(() -> aws.describeCluster("nope")).isInstanceOf(RuntimeException.class);

    assertThat(aws.calls().byOperation()).containsExactly(Map.entry("CreateRole", 1L),
        Map.entry("DescribeCluster", 2L), Map.entry("GetRole", 2L), Map.entry("UpdateAssumeRolePolicy", 1L));
    assertThat(aws.calls().writesByOperation()).containsOnlyKeys("CreateRole", "UpdateAssumeRolePolicy");
    assertThat(aws.calls().reads()).isEqualTo(4);
    assertThat(aws.calls().writes()).isEqualTo(2);

    aws.calls().reset();
    assertThat(aws.calls().total()).isZero();
  }

  @Test
  void anAccountHoldsAtMostAThousandRoles() {
    for (int i = 0; i < InMemoryAws.MAX_ROLES; i++) {
      aws.createRole(new NewRole("r" + i, "/", POD_TRUST, "", Map.of()));
    }

    assertThatThrownBy(() -> aws.createRole(new NewRole("one-more", "/", POD_TRUST, "", Map.of())))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Cannot exceed quota for RolesPerAccount: 1000");
  }

  @Test
  void associationsDeletedBetweenTwoPagesMakeTheNextPageSkipNothingThatRemains() {
    aws.givenCluster("c");
    String role = aws.createRole(new NewRole("r", "/", POD_TRUST, "", Map.of())).arn();
    for (int i = 0; i < 10; i++) {
      aws.createPodIdentityAssociation(new NewAssociation("c", "ns-" + i, "vector", role, Map.of()));
    }

    AssociationPage first = aws.listPodIdentityAssociations("c", null, null, 4);
    for (AssociationSummary s : first.items()) {
      aws.deletePodIdentityAssociation("c", s.associationId());
    }
    List<String> rest = new ArrayList<>();
    String token = first.nextToken().orElseThrow();
    while (token != null) {
      AssociationPage page = aws.listPodIdentityAssociations("c", null, token, 4);
      page.items().forEach(s -> rest.add(s.namespace()));
      token = page.nextToken().orElse(null);
    }

    assertThat(rest).containsExactly("ns-4", "ns-5", "ns-6", "ns-7", "ns-8", "ns-9");
  }

  @Test
  void aPageTokenWorksOnlyForTheListItWasGivenFor() {
    aws.givenCluster("c");
    String role = aws.createRole(new NewRole("r", "/", POD_TRUST, "", Map.of())).arn();
    for (int i = 0; i < 3; i++) {
      aws.createPodIdentityAssociation(new NewAssociation("c", "ns", "sa-" + i, role, Map.of()));
    }
    String token = aws.listPodIdentityAssociations("c", "ns", null, 1).nextToken().orElseThrow();

    assertThatThrownBy(() -> aws.listPodIdentityAssociations("c", null, token, 1))
        .isInstanceOf(dev.billingidentity.spi.aws.InvalidParameterException.class);
    assertThat(aws.listPodIdentityAssociations("c", "ns", token, 1).items()).hasSize(1);
  }

  @Test
  void concurrentCreatorsOfTheSameAssociationsMakeEachExactlyOnce() throws Exception {
    aws.givenCluster("c");
    String role = aws.createRole(new NewRole("r", "/", POD_TRUST, "", Map.of())).arn();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    List<Future<?>> work = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        work.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            try {
              created.add(aws.createPodIdentityAssociation(new NewAssociation("c", "ns-" + i, "vector", role,
                  Map.of())).associationId());
            } catch (ResourceInUseException expected) {
              // another thread was first: the one answer EKS gives
            } catch (Throwable e) {
              unexpected.add(e);
            }
          }
        }));
      }
      for (Future<?> f : work) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(unexpected).isEmpty();
    assertThat(created).hasSize(200);
    Set<String> namespaces = new HashSet<>();
    aws.associations("c").forEach(a -> assertThat(namespaces.add(a.namespace())).isTrue());
    assertThat(aws.calls().count("CreatePodIdentityAssociation")).isEqualTo(1600);
  }
}
