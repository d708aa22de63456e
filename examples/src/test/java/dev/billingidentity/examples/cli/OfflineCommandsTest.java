package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The commands that make no call: policies, helm-values, permissions, and invalid input. */
class OfflineCommandsTest {
  private static final String ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
  private static final String[] COMMON = {"--cluster", "spaces-prod", "--role-name", "spaces-billing", "--bucket",
      "acme-billing", "--region", "us-east-1", "--account-id", "123456789012"};

  private static String[] args(String command, String... more) {
    String[] all = new String[1 + COMMON.length + more.length];
    all[0] = command;
    System.arraycopy(COMMON, 0, all, 1, COMMON.length);
    System.arraycopy(more, 0, all, 1 + COMMON.length, more.length);
    return all;
  }

  @Test
  void theHelpListsEveryCommandAndAnUnknownOneIsInvalidInput() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("policies", "helm-values", "permissions", "plan", "apply", "verify", "restart",
        "destroy", "migrate", "sandbox", "operator", "demo");

    CliRun typo = CliRun.of("--debug", "plam");
    assertThat(typo.exitCode()).isEqualTo(3);
    assertThat(typo.err()).startsWith("invalid input (1 problem):").contains("'plam'");

    CliRun named = CliRun.of("--debug", "plan", "--no-such-option");
    assertThat(named.exitCode()).isEqualTo(3);
    assertThat(named.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void policiesAsJsonHasTheDocumentedShape() throws Exception {
    CliRun run = CliRun.of(args("policies", "--oidc-issuer", ISSUER, "--control-plane", "mxp-a-system",
        "--control-plane", "mxp-b-system", "--output", "json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("permissionPolicy").path("Statement").get(0).path("Resource").toString())
        .contains("arn:aws:s3:::acme-billing", "arn:aws:s3:::acme-billing/*");
    assertThat(json.path("trustPolicy").toString())
        .contains("system:serviceaccount:mxp-a-system:vector", "system:serviceaccount:mxp-b-system:vector");
    assertThat(json.path("trustPolicySize").asInt()).isEqualTo(
        new ObjectMapper().writeValueAsString(json.path("trustPolicy")).length());
    assertThat(json.path("trustPolicyQuota").asInt()).isEqualTo(2048);
  }

  @Test
  void helmValuesPrintsTheGuidesSetFlags() {
    CliRun run = CliRun.of(args("helm-values"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).containsExactly(
        "--set \"billing.enabled=true\"",
        "--set \"billing.storage.provider=aws\"",
        "--set \"billing.storage.aws.region=us-east-1\"",
        "--set \"billing.storage.aws.bucket=acme-billing\"",
        "--set \"billing.storage.secretRef.name=\"",
        "--set controlPlanes.vector.serviceAccount.customAnnotations.\"eks\\.amazonaws\\.com/role-arn\"="
            + "\"arn:aws:iam::123456789012:role/spaces-billing\"");
  }

  @Test
  void podIdentityHelmValuesAsYamlHaveNoAnnotation() {
    CliRun run = CliRun.of(args("helm-values", "--mode", "pod-identity", "--format", "yaml"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("secretRef:\n      name: \"\"").doesNotContain("role-arn");
  }

  @Test
  void invalidInputListsEveryProblemOneALineAndExitsWith3() {
    CliRun run = CliRun.of("policies", "--mode", "irsa", "--cluster", "bad cluster!", "--role-name", "a/b",
        "--bucket", "Bad_Bucket", "--region", "mars-1", "--account-id", "12", "--trust-policy-quota", "100");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("'--cluster' = \"bad cluster!\"", "'--role-name' = \"a/b\"",
        "'--bucket' = \"Bad_Bucket\"", "'--region' = \"mars-1\"", "'--account-id' = \"12\"",
        "'--trust-policy-quota' = \"100\"");
  }

  @Test
  void everyBadValueIsReportedEvenWhenAnotherValueItDependsOnIsBad() {
    // The account's partition comes from the region, the trust's subjects from the host namespaces: neither the
    // missing region nor the bad bucket may hide the account's or the namespace's problem.
    CliRun run = CliRun.of("policies", "--account-id", "12345", "--bucket", "Bad_Bucket", "--oidc-issuer",
        "http://x", "--control-plane", "NOT_A_NS");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().skip(1)).containsExactlyInAnyOrder(
        "  field '--region' = null: is required",
        "  field '--bucket' = \"Bad_Bucket\": an S3 bucket name has only lowercase letters, digits, dots and "
            + "hyphens, and begins and ends with a letter or digit",
        "  field '--account-id' = \"12345\": an AWS account id is exactly 12 digits",
        "  field '--oidc-issuer' = \"http://x\": an OIDC issuer URL starts with 'https://'",
        "  field '--control-plane' = \"NOT_A_NS\": a Kubernetes namespace is a DNS-1123 label: lowercase letters, "
            + "digits and '-', beginning and ending with a letter or digit");
    assertThat(run.err()).startsWith("invalid input (5 problems):");
  }

  @Test
  void aQuotaThatIsNotANumberIsOneProblemAmongTheOthers() {
    CliRun run = CliRun.of("policies", "--trust-policy-quota", "lots", "--bucket", "Bad_Bucket", "--region",
        "us-east-1", "--account-id", "123456789012");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("'--trust-policy-quota' = \"lots\": a whole number", "'--bucket' = \"Bad_Bucket\"",
        "'--oidc-issuer' = null: is required for IRSA", "'--control-plane' = null");
  }

  @Test
  void irsaPoliciesAskForNeitherTheClusterNorTheRole() throws Exception {
    CliRun run = CliRun.of("policies", "--bucket", "acme-billing", "--region", "us-east-1", "--account-id",
        "123456789012", "--oidc-issuer", ISSUER, "--control-plane", "mxp-a-system", "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("trustPolicy").toString()).contains("system:serviceaccount:mxp-a-system:vector",
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
  }

  @Test
  void irsaPoliciesWithTheHostNamespacePatternAskForNoHostNamespace() {
    CliRun run = CliRun.of("policies", "--bucket", "acme-billing", "--region", "us-east-1", "--account-id",
        "123456789012", "--oidc-issuer", ISSUER, "--allow-host-namespace-pattern");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("system:serviceaccount:mxp-*-system:vector", "StringLike");
  }

  @Test
  void podIdentityPoliciesAskForTheClusterButNeitherTheRoleNorTheIssuer() {
    String[] options = {"policies", "--mode", "pod-identity", "--bucket", "acme-billing", "--region", "us-east-1",
        "--account-id", "123456789012"};
    CliRun withoutCluster = CliRun.of(options);
    CliRun withCluster = CliRun.of(CliRun.concat(options, "--cluster", "spaces-prod"));

    assertThat(withoutCluster.exitCode()).isEqualTo(3);
    assertThat(withoutCluster.err()).contains("'--cluster' = null: is required for Pod Identity")
        .doesNotContain("--role-name", "--oidc-issuer", "--control-plane");
    assertThat(withCluster.exitCode()).as(withCluster.err()).isZero();
    assertThat(withCluster.out()).contains("arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod",
        "pods.eks.amazonaws.com");
  }

  @Test
  void helmValuesAskForNoCluster() {
    CliRun irsa = CliRun.of("helm-values", "--role-name", "spaces-billing", "--bucket", "acme-billing", "--region",
        "us-east-1", "--account-id", "123456789012");
    CliRun podIdentity = CliRun.of("helm-values", "--mode", "pod-identity", "--bucket", "acme-billing", "--region",
        "us-east-1");

    assertThat(irsa.exitCode()).as(irsa.err()).isZero();
    assertThat(irsa.out()).contains("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(podIdentity.exitCode()).as(podIdentity.err()).isZero();
    assertThat(podIdentity.out()).contains("billing.storage.aws.bucket=acme-billing").doesNotContain("role-arn");
  }

  @Test
  void irsaHelmValuesAskForTheRoleAndTheAccountTheAnnotationNames() {
    CliRun run = CliRun.of("helm-values", "--bucket", "acme-billing", "--region", "us-east-1");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).startsWith("invalid input (2 problems):")
        .contains("'--role-name' = null: is required for IRSA", "'--account-id' = null: is required for IRSA");
  }

  @Test
  void aValueGivenIsCheckedEvenWhereTheCommandDoesNotUseIt() {
    CliRun run = CliRun.of("helm-values", "--mode", "pod-identity", "--bucket", "acme-billing", "--region",
        "us-east-1", "--cluster", "spaces prod", "--oidc-issuer", "http://x", "--control-plane", "NOT_A_NS");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("'--cluster' = \"spaces prod\"", "'--oidc-issuer' = \"http://x\"",
        "'--control-plane' = \"NOT_A_NS\"");
  }

  @Test
  void permissionsForPodIdentityIncludePassRoleToPodIdentityOnly() {
    CliRun run = CliRun.of(args("permissions", "--mode", "pod-identity"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("iam:PassRole", "pods.eks.amazonaws.com", "eks:CreatePodIdentityAssociation");
  }
}
