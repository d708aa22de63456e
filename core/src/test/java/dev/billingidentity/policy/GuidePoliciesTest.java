package dev.billingidentity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.TestResources;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library's policies against the guide's JSON blocks (copied to {@code src/test/resources/guide} with the
 * placeholders filled), and what it does beyond the guide: partitions and the Pod Identity trust the guide lacks.
 */
class GuidePoliciesTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
  private static final String HOST_NAMESPACE = "mxp-706c49fa-5bb8-4a7e-9f41-2fc38ef4b065-system";
  private static final String CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod";

  private static PolicyDocument guide(String name) {
    return PolicyDocument.parse(TestResources.text("guide/" + name));
  }

  private static List<String> values(Statement s, String element) {
    JsonNode node = s.element(element).orElseThrow();
    return node.isArray() ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
        : List.of(node.asText());
  }

  @Test
  void theS3PolicyIsTheGuidesIrsaPermissionPolicy() {
    PolicyDocument s3 = BillingPolicies.s3Access(STORAGE);

    assertThat(s3.isEquivalentTo(guide("irsa-s3-permission-policy.json"))).isTrue();
    assertThat(s3.version()).contains("2012-10-17");
    assertThat(s3.grammarProblems()).isEmpty();
  }

  @Test
  void aCustomerKeyAddsExactlyItsUseThroughS3InTheBucketsRegionAndNothingElse() {
    String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    PolicyDocument s3 = BillingPolicies.s3Access(STORAGE, Optional.of(key));

    assertThat(s3.statements()).hasSize(2);
    assertThat(s3.statements().get(0)).isEqualTo(BillingPolicies.s3Access(STORAGE).statements().get(0));
    Statement kms = s3.statements().get(1);
    assertThat(values(kms, "Effect")).containsExactly("Allow");
    assertThat(values(kms, "Action")).containsExactly("kms:GenerateDataKey", "kms:Decrypt");
    assertThat(values(kms, "Resource")).containsExactly(key);
    assertThat(kms.conditionValues("StringEquals", "kms:ViaService")).containsExactly("s3.us-east-1.amazonaws.com");
    assertThat(s3.grammarProblems()).isEmpty();
    assertThat(BillingPolicies.s3Access(STORAGE, Optional.empty()).isEquivalentTo(BillingPolicies.s3Access(STORAGE)))
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({"us-west-2, s3.us-west-2.amazonaws.com", "cn-north-1, s3.cn-north-1.amazonaws.com.cn",
      "us-gov-west-1, s3.us-gov-west-1.amazonaws.com"})
  void theKeyIsUsableOnlyThroughS3OfTheBucketsRegion(String region, String viaService) {
    assertThat(BillingPolicies.s3ViaService(BillingStorage.s3(region, "acme-billing"))).isEqualTo(viaService);
  }

  @Test
  void theS3PolicyExceedsTheGuidesPodIdentityPolicyByExactlyDeleteObject() {
    PolicyDocument s3 = BillingPolicies.s3Access(STORAGE);
    PolicyDocument podIdentity = guide("pod-identity-s3-permission-policy.json");
    Statement ours = s3.statements().get(0);
    Statement theirs = podIdentity.statements().get(0);

    assertThat(s3.isEquivalentTo(podIdentity)).isFalse();
    List<String> extra = new ArrayList<>(values(ours, "Action"));
    extra.removeAll(values(theirs, "Action"));
    assertThat(extra).containsExactly("s3:DeleteObject");
    assertThat(values(ours, "Action")).containsAll(values(theirs, "Action"));
    assertThat(values(ours, "Resource")).containsExactlyInAnyOrderElementsOf(values(theirs, "Resource"));

    ObjectNode withoutDelete = s3.toJsonNode();
    ArrayNode actions = (ArrayNode) withoutDelete.get("Statement").get(0).get("Action");
    for (int i = actions.size() - 1; i >= 0; i--) {
      if (actions.get(i).asText().equals("s3:DeleteObject")) {
        actions.remove(i);
      }
    }
    assertThat(PolicyDocument.parse(withoutDelete.toString()).isEquivalentTo(podIdentity)).isTrue();
  }

  @Test
  void theIrsaStatementForOneControlPlaneIsTheGuidesTrustPolicy() {
    Statement irsa = BillingPolicies.irsaStatement(ACCOUNT, ISSUER,
        List.of(BillingPolicies.subject(HOST_NAMESPACE, "vector")));
    PolicyDocument trust = PolicyDocument.of(irsa);

    assertThat(trust.isEquivalentTo(guide("irsa-trust-policy-one-control-plane.json"))).isTrue();
    assertThat(irsa.sid()).contains(BillingPolicies.IRSA_SID);
    assertThat(irsa.toJsonNode().at("/Condition/StringEquals/" + ISSUER.hostPath().replace("/", "~1") + ":sub")
        .isTextual()).as("one subject is written as a string, as in the guide").isTrue();
    assertThat(BillingPolicies.irsaSubjects(trust, ISSUER))
        .containsExactly("system:serviceaccount:" + HOST_NAMESPACE + ":vector");
  }

  @Test
  void theIrsaStatementForAnotherNamespaceIsNotTheGuidesTrustPolicy() {
    PolicyDocument trust = PolicyDocument.of(BillingPolicies.irsaStatement(ACCOUNT, ISSUER,
        List.of(BillingPolicies.subject("mxp-00000000-0000-0000-0000-000000000000-system", "vector"))));

    assertThat(trust.isEquivalentTo(guide("irsa-trust-policy-one-control-plane.json"))).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"us-east-1, aws", "eu-central-1, aws", "cn-north-1, aws-cn", "cn-northwest-1, aws-cn",
      "us-gov-west-1, aws-us-gov", "us-gov-east-1, aws-us-gov"})
  void s3ArnsAreInTheRegionsPartition(String region, String partition) {
    BillingStorage storage = BillingStorage.s3(region, "acme-billing");

    assertThat(storage.partition().id()).isEqualTo(partition);
    assertThat(values(BillingPolicies.s3Access(storage).statements().get(0), "Resource"))
        .containsExactlyInAnyOrder("arn:" + partition + ":s3:::acme-billing", "arn:" + partition + ":s3:::acme-billing/*");
  }

  @Test
  void iamArnsAreInTheAccountsPartition() {
    AwsAccount china = AwsAccount.of("123456789012", Partition.AWS_CN);
    AwsAccount gov = AwsAccount.of("123456789012", Partition.AWS_US_GOV);
    OidcIssuer chinaIssuer = OidcIssuer.of("https://oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE");
    Statement irsa = BillingPolicies.irsaStatement(china, chinaIssuer, List.of("system:serviceaccount:ns:vector"));

    assertThat(irsa.element("Principal").orElseThrow().get("Federated").asText())
        .isEqualTo("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE");
    assertThat(irsa.conditionValues("StringEquals", "oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE:aud"))
        .containsExactly("sts.amazonaws.com");
    assertThat(IamRole.named("spaces-billing").arn(gov)).isEqualTo("arn:aws-us-gov:iam::123456789012:role/spaces-billing");
    assertThat(IamRole.builder().name("spaces-billing").path("/billing/").build().arn(china))
        .isEqualTo("arn:aws-cn:iam::123456789012:role/billing/spaces-billing");
    assertThat(Partition.ofArn("arn:aws-us-gov:iam::123456789012:root")).isEqualTo(Partition.AWS_US_GOV);
  }

  @Test
  void thePodIdentityStatementTrustsEksPodIdentityForThisAccountAndClusterOnly() {
    Statement pod = BillingPolicies.podIdentityStatement(ACCOUNT, CLUSTER_ARN);

    assertThat(pod.sid()).contains(BillingPolicies.POD_IDENTITY_SID);
    assertThat(pod.hasSidPrefix(BillingPolicies.OWNED_SID_PREFIX)).isTrue();
    assertThat(pod.element("Effect").orElseThrow().asText()).isEqualTo("Allow");
    JsonNode principal = pod.element("Principal").orElseThrow();
    assertThat(principal.size()).isEqualTo(1);
    assertThat(principal.get("Service").asText()).isEqualTo("pods.eks.amazonaws.com");
    assertThat(values(pod, "Action")).containsExactlyInAnyOrder("sts:AssumeRole", "sts:TagSession");
    assertThat(pod.conditionValues("StringEquals", "aws:SourceAccount")).containsExactly("123456789012");
    assertThat(pod.conditionValues("ArnEquals", "aws:SourceArn")).containsExactly(CLUSTER_ARN);
    assertThat(PolicyDocument.of(pod).grammarProblems()).isEmpty();
    assertThat(pod.toString()).doesNotContain("Federated").doesNotContain("*");
  }

  @Test
  void theHostNamespacePatternIsTheOnlyStatementWithAWildcardAndUsesStringLike() {
    Statement pattern = BillingPolicies.irsaHostNamespacePatternStatement(ACCOUNT, ISSUER);

    assertThat(pattern.sid()).contains(BillingPolicies.IRSA_PATTERN_SID);
    assertThat(pattern.conditionValues("StringLike", ISSUER.hostPath() + ":sub"))
        .containsExactly("system:serviceaccount:mxp-*-system:vector");
    assertThat(pattern.conditionValues("StringEquals", ISSUER.hostPath() + ":sub")).isEmpty();
    assertThat(pattern.conditionValues("StringEquals", ISSUER.hostPath() + ":aud")).containsExactly("sts.amazonaws.com");
  }
}
