package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.testing.FakeSpace;
import org.junit.jupiter.api.Test;

/** plan, apply, verify, restart and destroy through the CLI, on an in-memory Space. */
class OperationCommandsTest {
  private static final String[] IRSA = {"--mode", "irsa", "--cluster", FakeSpace.CLUSTER, "--role-name",
      "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};

  private static String[] args(String command, String... more) {
    String[] all = new String[1 + IRSA.length + more.length];
    all[0] = command;
    System.arraycopy(IRSA, 0, all, 1, IRSA.length);
    System.arraycopy(more, 0, all, 1 + IRSA.length, more.length);
    return all;
  }

  @Test
  void planExitsWith2WhenThereAreChangesAnd0WhenNone() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();

    CliRun before = CliRun.on(space, args("plan", "--detailed-exitcode"));
    CliRun apply = CliRun.on(space, args("apply", "--yes"));
    CliRun after = CliRun.on(space, args("plan", "--detailed-exitcode"));

    assertThat(before.exitCode()).as(before.err()).isEqualTo(2);
    assertThat(before.out()).contains("+ create role spaces-billing");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).contains("no changes");
  }

  @Test
  void applyAsJsonSaysTheChangesTheCallsAndTheDuration() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();

    CliRun run = CliRun.on(space, args("apply", "--yes", "--output", "json"));

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("changes")).hasSize(3);
    assertThat(json.path("changes").get(0).path("change").asText()).isEqualTo("CreateOidcProvider");
    assertThat(json.path("calls").path("writes").asInt()).isEqualTo(3);
    assertThat(json.path("calls").path("byOperation").path("iam.createRole").asInt()).isEqualTo(1);
    assertThat(json.has("durationMillis")).isTrue();
    assertThat(json.path("verification").path("healthy").asBoolean()).isFalse();
  }

  @Test
  void applyWithoutYesAndWithoutATerminalRefusesAndWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();

    CliRun run = CliRun.on(space, args("apply"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--yes");
    assertThat(space.aws().calls().writes()).isZero();
  }

  @Test
  void verifyExitsWith2OnDriftAndRestartClearsTheStalePods() {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    CliRun.on(space, args("apply", "--yes"));
    space.applyHelmValues(HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"),
        "arn:aws:iam::123456789012:role/spaces-billing"));

    CliRun drift = CliRun.on(space, args("verify", "--detailed-exitcode"));
    CliRun restart = CliRun.on(space, args("restart"));
    CliRun healthy = CliRun.on(space, args("verify", "--detailed-exitcode"));

    assertThat(drift.exitCode()).isEqualTo(2);
    assertThat(drift.out()).contains("STALE_PODS");
    assertThat(restart.out()).contains("restart deployment/vector");
    assertThat(healthy.exitCode()).as(healthy.out()).isZero();
  }

  @Test
  void invalidInputMakesNoCallAtAll() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();

    CliRun run = CliRun.on(space, "apply", "--yes", "--cluster", FakeSpace.CLUSTER, "--role-name", "spaces-billing",
        "--bucket", "acme_billing", "--region", "us-east-1", "--control-plane", "Not-A-Namespace");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("storage.bucket").contains("controlPlanes.hostNamespace");
    assertThat(space.aws().calls().total()).isZero();
    assertThat(space.cluster().requests().total()).isZero();
  }

  @Test
  void destroyRemovesTheRoleItCreated() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    CliRun.on(space, args("apply", "--yes"));

    CliRun run = CliRun.on(space, args("destroy", "--yes"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(space.aws().role("spaces-billing")).isEmpty();
  }
}
