package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.testing.FakeSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The role's guardrails on the command line: {@code --permissions-boundary}, {@code --role-tag} (repeatable),
 * {@code --max-session-duration}, {@code --role-description} and {@code --repair-permissions-boundary}.
 */
class GuardrailOptionsTest {
  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/DeveloperBoundary";

  private static String[] apply(FakeSpace space, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--yes", "--mode", "irsa", "--cluster", FakeSpace.CLUSTER,
        "--role-name", "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--control-plane",
        space.hostNamespaces().get(0)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static RoleInfo role(FakeSpace space) {
    return space.aws().role("spaces-billing").orElseThrow();
  }

  @Test
  void applyCreatesTheRoleWithEveryGuardrailGiven() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();

    CliRun run = CliRun.on(space, apply(space, "--permissions-boundary", BOUNDARY, "--role-tag", "team=billing",
        "--role-tag", "cost center=42=a", "--max-session-duration", "7200", "--role-description",
        "Billing of our Spaces"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(role(space).permissionsBoundary()).contains(BOUNDARY);
    assertThat(role(space).tags()).containsEntry("team", "billing").containsEntry("cost center", "42=a")
        .containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE);
    assertThat(role(space).maxSessionDurationSeconds()).isEqualTo(7200);
    assertThat(role(space).description()).contains("Billing of our Spaces");
  }

  @Test
  void aRemovedBoundaryIsRestoredOnlyWithRepairPermissionsBoundary() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    assertThat(CliRun.on(space, apply(space, "--permissions-boundary", BOUNDARY)).exitCode()).isZero();
    space.aws().deleteRolePermissionsBoundary("spaces-billing");
    space.aws().calls().reset();

    CliRun without = CliRun.on(space, apply(space, "--permissions-boundary", BOUNDARY));

    assertThat(without.out()).contains("repairPermissionsBoundary").contains("--repair-permissions-boundary");
    assertThat(space.aws().calls().count("PutRolePermissionsBoundary")).isZero();
    assertThat(role(space).permissionsBoundary()).isEmpty();

    CliRun with = CliRun.on(space, apply(space, "--permissions-boundary", BOUNDARY, "--repair-permissions-boundary"));

    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(role(space).permissionsBoundary()).contains(BOUNDARY);
  }

  @Test
  void permissionsShowsTheBoundaryConditionOnCreateRole() {
    CliRun run = CliRun.of("permissions", "--cluster", "spaces-prod", "--role-name", "spaces-billing", "--bucket",
        "acme-billing", "--region", "us-east-1", "--account-id", "123456789012", "--permissions-boundary", BOUNDARY);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"iam:PermissionsBoundary\" : \"" + BOUNDARY + "\"")
        .doesNotContain("iam:PutRolePermissionsBoundary");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(List.of("--permissions-boundary", "arn:aws:iam::123456789012:role/boundary"),
            "'--permissions-boundary'", "managed policy ARN"),
        Arguments.of(List.of("--permissions-boundary", "arn:aws-cn:iam::123456789012:policy/B"),
            "'--permissions-boundary'", "partition"),
        Arguments.of(List.of("--role-tag", "team"), "'--role-tag' = \"team\"", "KEY=VALUE"),
        Arguments.of(List.of("--role-tag", "team=a", "--role-tag", "team=b"), "'--role-tag' = \"team=b\"",
            "given once"),
        Arguments.of(List.of("--role-tag", "aws:team=a"), "'--role-tag' = \"aws:team\"", "reserved for AWS"),
        Arguments.of(List.of("--role-tag", Ownership.TAG_KEY + "=me"), "'--role-tag'", "the library's own"),
        Arguments.of(List.of("--role-tag", "team=billing!"), "'--role-tag' = \"team=billing!\"", "a tag value"),
        Arguments.of(List.of("--max-session-duration", "60"), "'--max-session-duration' = \"60\"",
            "3600 to 43200"),
        Arguments.of(List.of("--max-session-duration", "an hour"), "--max-session-duration", "an hour"),
        Arguments.of(List.of("--role-description", "5 \u20ac"), "'--role-description'", "Latin-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void badGuardrailsAreRefusedWithExitCode3AndNoCall(List<String> options, String names, String rule) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();

    CliRun run = CliRun.on(space, apply(space, options.toArray(String[]::new)));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains(names).contains(rule);
    assertThat(space.aws().calls().total()).isZero();
  }

  @Test
  void everyGuardrailProblemIsListedAtOnce() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();

    CliRun run = CliRun.on(space, apply(space, "--permissions-boundary", "nope", "--role-tag", "aws:x=1",
        "--max-session-duration", "1", "--role-description", "d".repeat(1001), "--trust-policy-quota", "100"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("'--permissions-boundary' = \"nope\"", "'--role-tag' = \"aws:x\"",
        "'--max-session-duration' = \"1\"", "'--role-description'", "'--trust-policy-quota' = \"100\"");
  }
}
