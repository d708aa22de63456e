package dev.billingidentity.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorPolicyTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");

  @Test
  void everyAwsPortMethodHasItsPermissionsListed() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Class<?>> port : Map.<String, Class<?>>of("iam", IamPort.class, "eks", EksPort.class,
        "sts", StsPort.class, "s3", S3Port.class).entrySet()) {
      for (Method m : port.getValue().getDeclaredMethods()) {
        if (!PortPermissions.BY_OPERATION.containsKey(port.getKey() + "." + m.getName())) {
          missing.add(port.getKey() + "." + m.getName());
        }
      }
    }
    assertThat(missing).as("port methods without IAM permissions in PortPermissions").isEmpty();
  }

  @Test
  void irsaPolicyGrantsRoleActionsOnTheRoleOnlyAndNoAssociationActions() {
    PolicyDocument policy = OperatorPolicy.forSettings(IrsaSettings.builder().cluster("spaces-prod")
        .role(IamRole.named("spaces-billing")).storage(STORAGE).build(), ACCOUNT, "us-east-1");

    Statement role = statementWithResource(policy, "arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(actions(role)).contains("iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy")
        .doesNotContain("iam:PassRole");
    assertThat(policy.toJson()).doesNotContain("PodIdentityAssociation").doesNotContain("\"Resource\":\"*\"");
  }

  @Test
  void podIdentityPolicyPassesTheRoleOnlyToPodIdentity() {
    PolicyDocument policy = OperatorPolicy.forSettings(PodIdentitySettings.builder().cluster("spaces-prod")
        .role(IamRole.named("spaces-billing")).storage(STORAGE).build(), ACCOUNT, "us-east-1");

    Statement pass = policy.statements().stream().filter(s -> actions(s).contains("iam:PassRole")).findFirst()
        .orElseThrow();
    assertThat(pass.conditionValues("StringEquals", "iam:PassedToService")).containsExactly("pods.eks.amazonaws.com");
    assertThat(policy.toJson()).contains("eks:CreatePodIdentityAssociation")
        .contains("arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod")
        .doesNotContain("OpenIDConnectProvider");
  }

  @Test
  void theProbeAddsEksAuthOnTheClusterForPodIdentityAndNothingForIrsa() {
    IrsaSettings irsa = IrsaSettings.builder().cluster("spaces-prod").role(IamRole.named("spaces-billing"))
        .storage(STORAGE).build();
    PodIdentitySettings pods = PodIdentitySettings.builder().cluster("spaces-prod")
        .role(IamRole.named("spaces-billing")).storage(STORAGE).build();

    assertThat(OperatorPolicy.forSettings(irsa, ACCOUNT, "us-east-1", true))
        .isEqualTo(OperatorPolicy.forSettings(irsa, ACCOUNT, "us-east-1"));
    assertThat(OperatorPolicy.forSettings(pods, ACCOUNT, "us-east-1").toJson()).doesNotContain("eks-auth:");
    Statement cluster = statementWithResource(OperatorPolicy.forSettings(pods, ACCOUNT, "us-east-1", true),
        "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod");
    assertThat(actions(cluster)).contains("eks-auth:AssumeRoleForPodIdentity", "eks:DescribeCluster");
  }

  @Test
  void withABoundaryTheRoleCanOnlyBeCreatedWithItAndWithoutTheOptInNoBoundaryIsWritable() {
    String boundary = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
    IamRole bounded = IamRole.builder().name("spaces-billing").permissionsBoundary(boundary).build();

    PolicyDocument policy = OperatorPolicy.forSettings(IrsaSettings.builder().cluster("spaces-prod").role(bounded)
        .storage(STORAGE).build(), ACCOUNT, "us-east-1");

    Statement create = policy.statements().stream().filter(s -> actions(s).contains("iam:CreateRole")).findFirst()
        .orElseThrow();
    assertThat(actions(create)).containsExactly("iam:CreateRole");
    assertThat(create.conditionValues("StringEquals", "iam:PermissionsBoundary")).containsExactly(boundary);
    assertThat(create.element("Resource").orElseThrow().asText())
        .isEqualTo("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(actions(statementWithResource(policy, "arn:aws:iam::123456789012:role/spaces-billing")))
        .contains("iam:TagRole", "iam:UntagRole", "iam:UpdateRole").doesNotContain("iam:CreateRole");
    assertThat(policy.toJson()).doesNotContain("PutRolePermissionsBoundary")
        .doesNotContain("DeleteRolePermissionsBoundary");
  }

  @Test
  void theOptInGrantsOnlyTheBoundaryWriteTheSettingsCanLeadTo() {
    String boundary = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
    PolicyDocument put = OperatorPolicy.forSettings(PodIdentitySettings.builder().cluster("spaces-prod")
        .role(IamRole.builder().name("spaces-billing").permissionsBoundary(boundary).build()).storage(STORAGE)
        .repairPermissionsBoundary(true).build(), ACCOUNT, "us-east-1");
    PolicyDocument delete = OperatorPolicy.forSettings(PodIdentitySettings.builder().cluster("spaces-prod")
        .role(IamRole.named("spaces-billing")).storage(STORAGE).repairPermissionsBoundary(true).build(), ACCOUNT,
        "us-east-1");

    Statement bounded = put.statements().stream().filter(s -> actions(s).contains("iam:PutRolePermissionsBoundary"))
        .findFirst().orElseThrow();
    assertThat(actions(bounded)).containsExactly("iam:CreateRole", "iam:PutRolePermissionsBoundary");
    assertThat(bounded.conditionValues("StringEquals", "iam:PermissionsBoundary")).containsExactly(boundary);
    assertThat(put.toJson()).doesNotContain("DeleteRolePermissionsBoundary");
    assertThat(actions(statementWithResource(delete, "arn:aws:iam::123456789012:role/spaces-billing")))
        .contains("iam:CreateRole", "iam:DeleteRolePermissionsBoundary");
    assertThat(delete.toJson()).doesNotContain("PutRolePermissionsBoundary").doesNotContain("iam:PermissionsBoundary");
  }

  @Test
  void bothPoliciesReadTheBillingBucketOnlyAndWriteNothingToIt() {
    for (var settings : List.of(
        IrsaSettings.builder().cluster("spaces-prod").role(IamRole.named("spaces-billing")).storage(STORAGE).build(),
        PodIdentitySettings.builder().cluster("spaces-prod").role(IamRole.named("spaces-billing")).storage(STORAGE)
            .build())) {
      PolicyDocument policy = OperatorPolicy.forSettings(settings, ACCOUNT, "us-east-1");

      Statement bucket = statementWithResource(policy, "arn:aws:s3:::acme-billing");
      assertThat(actions(bucket)).as(settings.mode() + ": HeadBucket and GetBucketEncryption")
          .containsExactlyInAnyOrder("s3:ListBucket", "s3:GetEncryptionConfiguration");
      assertThat(policy.toJson()).doesNotContain("s3:Put").doesNotContain("s3:Delete")
          .doesNotContain("arn:aws:s3:::acme-billing/*");
    }
  }

  private static Statement statementWithResource(PolicyDocument policy, String arn) {
    return policy.statements().stream()
        .filter(s -> s.element("Resource").map(r -> r.asText().equals(arn)).orElse(false))
        .findFirst().orElseThrow();
  }

  private static List<String> actions(Statement s) {
    return s.element("Action").map(a -> a.isArray()
        ? Arrays.asList(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(a, String[].class))
        : List.of(a.asText())).orElse(List.of());
  }
}
