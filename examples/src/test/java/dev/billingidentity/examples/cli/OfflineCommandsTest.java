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
    assertThat(run.err()).contains("'cluster' = \"bad cluster!\"", "'role.name' = \"a/b\"",
        "'storage.bucket' = \"Bad_Bucket\"", "'storage.region' = \"mars-1\"", "'trustPolicyQuota' = \"100\"");
  }

  @Test
  void permissionsForPodIdentityIncludePassRoleToPodIdentityOnly() {
    CliRun run = CliRun.of(args("permissions", "--mode", "pod-identity"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("iam:PassRole", "pods.eks.amazonaws.com", "eks:CreatePodIdentityAssociation");
  }
}
