package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.cluster.IdentityEnv;
import org.junit.jupiter.api.Test;

/** {@code migrate}: IRSA to Pod Identity through the CLI, step by step, on an in-memory Space. */
class MigrateCommandTest {
  private static final String[] TARGET = {"--cluster", FakeSpace.CLUSTER, "--role-name", "spaces-billing",
      "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};

  private static String[] args(String command, String mode, String... more) {
    String[] all = new String[3 + TARGET.length + more.length];
    all[0] = command;
    all[1] = "--mode";
    all[2] = mode;
    System.arraycopy(TARGET, 0, all, 3, TARGET.length);
    System.arraycopy(more, 0, all, 3 + TARGET.length, more.length);
    return all;
  }

  @Test
  void migratesEveryPodToPodIdentityCredentialsStepByStep() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    CliRun.on(space, args("apply", "irsa", "--yes"));
    space.applyHelmValues(HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"),
        "arn:aws:iam::123456789012:role/spaces-billing"));
    CliRun.on(space, args("restart", "irsa"));

    CliRun status = CliRun.on(space, args("migrate", "pod-identity"));
    CliRun preview = CliRun.on(space, args("migrate", "pod-identity", "--step", "create-associations"));
    CliRun create = CliRun.on(space, args("migrate", "pod-identity", "--step", "create-associations", "--yes"));
    space.applyHelmValues(HelmValues.podIdentity(BillingStorage.s3("us-east-1", "acme-billing")));
    CliRun restart = CliRun.on(space, args("migrate", "pod-identity", "--step", "restart-workloads", "--yes"));
    CliRun removeIrsa = CliRun.on(space, args("migrate", "pod-identity", "--step", "remove-irsa-trust", "--yes"));

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(preview.out()).contains("create pod identity association");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(removeIrsa.exitCode()).as(removeIrsa.err() + removeIrsa.out()).isZero();
    assertThat(space.cluster().allPods()).allSatisfy(p -> assertThat(p.env())
        .containsAllEntriesOf(IdentityEnv.podIdentity()).doesNotContainKey(IdentityEnv.AWS_ROLE_ARN));
    assertThat(space.aws().role("spaces-billing").orElseThrow().trustPolicyJson())
        .doesNotContain("AssumeRoleWithWebIdentity").contains("pods.eks.amazonaws.com");
  }

  @Test
  void anUnknownStepIsInvalidInput() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();

    CliRun run = CliRun.on(space, args("migrate", "pod-identity", "--step", "everything"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("--step").contains("create-associations");
    assertThat(space.aws().calls().total()).isZero();
  }
}
