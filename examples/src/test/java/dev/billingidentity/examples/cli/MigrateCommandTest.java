package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.testing.cluster.IdentityEnv;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate}: IRSA to Pod Identity through the CLI, step by step, against a sandbox in this JVM. */
class MigrateCommandTest {
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");

  @TempDir Path dir;
  private SandboxCli cli;

  @AfterEach
  void stop() {
    cli.close();
  }

  private CliRun run(String command, String mode, String... more) {
    String[] target = {"--mode", mode, "--cluster", Sandbox.CLUSTER, "--role-name", "spaces-billing",
        "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};
    return cli.run(command, CliRun.concat(target, more));
  }

  @Test
  void migratesEveryPodToPodIdentityCredentialsStepByStep() {
    cli = SandboxCli.start(3, dir);
    run("apply", "irsa", "--yes");
    cli.sandbox.applyHelmValues(HelmValues.irsa(STORAGE, "arn:aws:iam::123456789012:role/spaces-billing"));
    run("restart", "irsa");

    CliRun status = run("migrate", "pod-identity");
    CliRun preview = run("migrate", "pod-identity", "--step", "create-associations");
    CliRun create = run("migrate", "pod-identity", "--step", "create-associations", "--yes");
    cli.sandbox.applyHelmValues(HelmValues.podIdentity(STORAGE));
    CliRun restart = run("migrate", "pod-identity", "--step", "restart-workloads", "--yes");
    CliRun removeIrsa = run("migrate", "pod-identity", "--step", "remove-irsa-trust", "--yes");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(preview.out()).contains("create pod identity association");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(removeIrsa.exitCode()).as(removeIrsa.err() + removeIrsa.out()).isZero();
    assertThat(cli.vectorPodEnvironments()).hasSize(3).allSatisfy(env -> assertThat(env)
        .containsAllEntriesOf(IdentityEnv.podIdentity()).doesNotContainKey(IdentityEnv.AWS_ROLE_ARN));
    assertThat(cli.sandbox.aws().role("spaces-billing").orElseThrow().trustPolicyJson())
        .doesNotContain("AssumeRoleWithWebIdentity").contains("pods.eks.amazonaws.com");
  }

  @Test
  void anUnknownStepIsInvalidInput() {
    cli = SandboxCli.start(1, dir);

    CliRun run = run("migrate", "pod-identity", "--step", "everything");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("--step").contains("create-associations");
    assertThat(cli.sandbox.aws().calls().total()).isZero();
  }
}
