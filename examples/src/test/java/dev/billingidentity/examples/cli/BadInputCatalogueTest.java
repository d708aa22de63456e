package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.role.Ownership;
import dev.billingidentity.testing.FakeSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise: bad input gets a clear error naming the field, the value and the rule, exit code 3, and no write. Each
 * case replaces one option of a valid {@code apply --yes} (or adds one) and says what the error must mention.
 */
class BadInputCatalogueTest {
  private static final Map<String, String> VALID = new java.util.LinkedHashMap<>(Map.of(
      "--mode", "irsa", "--cluster", FakeSpace.CLUSTER, "--role-name", "spaces-billing", "--bucket", "acme-billing",
      "--region", "us-east-1"));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("--mode", "kiam", "one of irsa, pod-identity"),
        Arguments.of("--mode", "IRSA", "one of irsa, pod-identity"),
        Arguments.of("--cluster", "-prod", "EKS cluster name"),
        Arguments.of("--cluster", "prod cluster", "EKS cluster name"),
        Arguments.of("--cluster", "a".repeat(101), "at most 100"),
        Arguments.of("--role-name", "a".repeat(65), "at most 64"),
        Arguments.of("--role-name", "billing role", "IAM role name"),
        Arguments.of("--role-name", "billing/role", "IAM role name"),
        Arguments.of("--role-path", "billing", "IAM path"),
        Arguments.of("--role-path", "/a//b/", "empty segment"),
        Arguments.of("--bucket", "Acme-Billing", "lowercase"),
        Arguments.of("--bucket", "ab", "3 to 63"),
        Arguments.of("--bucket", "acme_billing", "lowercase"),
        Arguments.of("--bucket", "192.168.1.10", "IP address"),
        Arguments.of("--bucket", "xn--billing", "xn--"),
        Arguments.of("--bucket", "billing-s3alias", "-s3alias"),
        Arguments.of("--bucket", "acme..billing", "adjacent dots"),
        Arguments.of("--region", "us-east", "region code"),
        Arguments.of("--region", "US-EAST-1", "region code"),
        Arguments.of("--region", "mars-central-1", "region code"),
        Arguments.of("--account-id", "12345678901", "12 digits"),
        Arguments.of("--account-id", "12345678901a", "12 digits"),
        Arguments.of("--oidc-issuer", "http://oidc.eks.us-east-1.amazonaws.com/id/ABC", "https://"),
        Arguments.of("--oidc-issuer", "https://oidc.eks.us-east-1.amazonaws.com/id/ABC/", "does not end with '/'"),
        Arguments.of("--oidc-issuer", "https://oidc.example.com/id?x=1", "no query"),
        Arguments.of("--trust-policy-quota", "1024", "between 2048"),
        Arguments.of("--trust-policy-quota", "10000", "between 2048"),
        Arguments.of("--trust-policy-quota", "2k", "a whole number"),
        Arguments.of("--control-plane", "MXP-A-SYSTEM", "DNS-1123"),
        Arguments.of("--control-plane", "mxp_a_system", "DNS-1123"),
        Arguments.of("--control-plane", "a".repeat(64), "at most 63"),
        Arguments.of("--group", "team-a", "--group needs --discover"),
        Arguments.of("--kubeconfig", "/nonexistent/kubeconfig", "no such file"),
        Arguments.of("--kubeconfig", "/etc", "is a directory"));
  }

  /** Every command that takes the identity options, with what it needs besides them. */
  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of(List.of("plan")),
        Arguments.of(List.of("apply", "--yes")),
        Arguments.of(List.of("verify")),
        Arguments.of(List.of("restart")),
        Arguments.of(List.of("destroy", "--yes")),
        Arguments.of(List.of("migrate", "--mode", "pod-identity", "--step", "create-associations")),
        Arguments.of(List.of("policies")),
        Arguments.of(List.of("helm-values")),
        Arguments.of(List.of("permissions")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyCommandReportsEveryBadValueTogetherWithExitCode3AndNoCall(List<String> command) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--cluster", "spaces prod", "--role-name", "billing/role", "--bucket", "Bad_Bucket",
        "--region", "us-east-1", "--account-id", "12345", "--oidc-issuer", "http://x", "--control-plane", "NOT_A_NS",
        "--trust-policy-quota", "100"));

    CliRun run = CliRun.on(space, args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).startsWith("invalid input (7 problems):").contains("'--cluster' = \"spaces prod\"",
        "'--role-name' = \"billing/role\"", "'--bucket' = \"Bad_Bucket\"", "'--account-id' = \"12345\"",
        "'--oidc-issuer' = \"http://x\"", "'--control-plane' = \"NOT_A_NS\"", "'--trust-policy-quota' = \"100\"");
    assertThat(space.aws().calls().total()).isZero();
    assertThat(space.cluster().requests().total()).isZero();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void isRefusedWithExitCode3AndNoCall(String option, String value, String mentions) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    List<String> args = new ArrayList<>(List.of("apply", "--yes"));
    Map<String, String> options = new java.util.LinkedHashMap<>(VALID);
    options.put(option, value);
    options.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    if (!option.equals("--control-plane")) {
      args.add("--control-plane");
      args.add(space.hostNamespaces().get(0));
    }

    CliRun run = CliRun.on(space, args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains(value.length() > 60 ? value.substring(0, 60) : value).contains(mentions);
    assertThat(space.aws().calls().total()).isZero();
    assertThat(space.cluster().requests().total()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("existingState")
  void whatAwsHoldsButTheLibraryMayNotChangeIsRefusedWithExitCode3AndNoWrite(String name, String trust,
      Map<String, String> tags, String mentions) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    space.aws().givenRole("spaces-billing", trust, tags);

    List<String> args = new ArrayList<>(List.of("apply", "--yes"));
    VALID.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    args.add("--discover");
    CliRun run = CliRun.on(space, args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains(mentions);
    assertThat(space.aws().calls().writes()).isZero();
  }

  static Stream<Arguments> existingState() {
    String ok = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    Map<String, String> owned = Ownership.tags(FakeSpace.CLUSTER);
    return Stream.of(
        Arguments.of("a role owned by someone else", ok, Map.of("team", "data"), "not managed by billing-identity"),
        Arguments.of("a trust with duplicate keys", ok.replace("\"Effect\":\"Allow\"",
            "\"Effect\":\"Allow\",\"Effect\":\"Deny\""), owned, "Duplicate field"),
        Arguments.of("a trust with an unknown element", ok.replace("\"Effect\":\"Allow\"",
            "\"Effect\":\"Allow\",\"Comment\":\"x\""), owned, "unknown element 'Comment'"),
        Arguments.of("a trust whose Statement is a string", "{\"Version\":\"2012-10-17\",\"Statement\":\"x\"}", owned,
            "Statement must be an object or an array"),
        Arguments.of("a trust that is not JSON", "{\"Version\":", owned, "not valid JSON"));
  }
}
