package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.helm.HelmValues;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan, apply, verify, restart and destroy through the CLI against a sandbox in this JVM: the real SDK and fabric8
 * adapters over HTTP, exit codes and JSON as scripts read them.
 */
class OperationCommandsTest {
  private static final String[] IRSA = {"--mode", "irsa", "--cluster", Sandbox.CLUSTER, "--role-name",
      "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};

  @TempDir Path dir;
  private SandboxCli cli;

  @AfterEach
  void stop() {
    cli.close();
  }

  private CliRun run(String command, String... more) {
    return cli.run(command, CliRun.concat(IRSA, more));
  }

  @Test
  void planExitsWith2WhenThereAreChangesAnd0WhenNone() {
    cli = SandboxCli.start(2, dir);

    CliRun before = run("plan", "--detailed-exitcode");
    CliRun apply = run("apply", "--yes");
    CliRun after = run("plan", "--detailed-exitcode");

    assertThat(before.exitCode()).as(before.err()).isEqualTo(2);
    assertThat(before.out()).contains("+ create role spaces-billing");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(after.out()).contains("no changes");
  }

  @Test
  void applyAsJsonSaysTheChangesTheCallsAndTheDuration() throws Exception {
    cli = SandboxCli.start(2, dir);

    CliRun run = run("apply", "--yes", "--output", "json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("changes")).hasSize(3);
    assertThat(json.path("changes").get(0).path("change").asText()).isEqualTo("CreateOidcProvider");
    assertThat(json.path("calls").path("writes").asInt()).isEqualTo(3);
    assertThat(json.path("calls").path("byOperation").path("iam.createRole").asInt()).isEqualTo(1);
    assertThat(json.has("durationMillis")).isTrue();
    // HTTP requests as the peers counted them: the SDK's attempts and the Kubernetes API server's own count.
    assertThat(json.path("httpRequests").path("aws").asLong()).isEqualTo(cli.sandbox.aws().calls().total());
    assertThat(json.path("httpRequests").path("kubernetes").asLong()).isPositive()
        .isLessThanOrEqualTo(cli.sandbox.kubernetesRequests());
    assertThat(json.path("verification").path("healthy").asBoolean()).isFalse();
    // What the server saw: the role exists with both control planes' exact subjects.
    assertThat(cli.sandbox.aws().role("spaces-billing").orElseThrow().trustPolicyJson())
        .contains("system:serviceaccount:" + cli.sandbox.hostNamespaces().get(0) + ":vector")
        .contains("system:serviceaccount:" + cli.sandbox.hostNamespaces().get(1) + ":vector");
  }

  @Test
  void planAndVerifyAsJsonHaveTheShapesScriptsRead() throws Exception {
    cli = SandboxCli.start(2, dir);

    JsonNode plan = new ObjectMapper().readTree(run("plan", "--output", "json").out());
    run("apply", "--yes");
    JsonNode verify = new ObjectMapper().readTree(run("verify", "--output", "json").out());

    assertThat(plan.path("mode").asText()).isEqualTo("irsa");
    assertThat(plan.path("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(plan.path("changes")).hasSize(3);
    assertThat(plan.path("trustPolicy").path("subjects").asInt()).isEqualTo(2);
    assertThat(plan.path("trustPolicy").path("quota").asInt()).isEqualTo(2048);
    assertThat(plan.path("helmValues").path("billing").path("storage").path("aws").path("bucket").asText())
        .isEqualTo("acme-billing");
    assertThat(verify.path("healthy").asBoolean()).isFalse();
    assertThat(verify.path("findings")).isNotEmpty().allSatisfy(f -> {
      assertThat(f.path("subject").asText()).isNotEmpty();
      assertThat(f.path("check").asText()).isNotEmpty();
      assertThat(f.path("state").asText()).isIn("OK", "MISSING", "DRIFTED", "STALE_PODS", "PENDING");
    });
    assertThat(verify.path("findings").findValuesAsText("state")).contains("MISSING");
  }

  @Test
  void applyWithoutYesAndWithoutATerminalRefusesAndWritesNothing() {
    cli = SandboxCli.start(1, dir);

    CliRun run = run("apply");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--yes");
    assertThat(cli.sandbox.aws().calls().writes()).isZero();
  }

  @Test
  void verifyExitsWith2OnDriftAndRestartClearsTheStalePods() {
    cli = SandboxCli.start(2, dir);
    run("apply", "--yes");
    cli.sandbox.applyHelmValues(HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"),
        "arn:aws:iam::123456789012:role/spaces-billing"));

    CliRun drift = run("verify", "--detailed-exitcode");
    CliRun restart = run("restart");
    CliRun healthy = run("verify", "--detailed-exitcode");

    assertThat(drift.exitCode()).as(drift.err()).isEqualTo(2);
    assertThat(drift.out()).contains("STALE_PODS");
    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(restart.out()).contains("restart deployment/vector");
    assertThat(healthy.exitCode()).as(healthy.out()).isZero();
    assertThat(cli.vectorPodEnvironments()).hasSize(2)
        .allSatisfy(env -> assertThat(env).containsEntry("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/spaces-billing"));
  }

  @Test
  void invalidInputMakesNoCallAtAll() {
    cli = SandboxCli.start(1, dir);
    int kubernetesRequestsBefore = cli.sandbox.kubernetesRequests();

    CliRun run = cli.run("apply", "--yes", "--cluster", Sandbox.CLUSTER, "--role-name", "spaces-billing",
        "--bucket", "acme_billing", "--region", "us-east-1", "--control-plane", "Not-A-Namespace");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("'--bucket' = \"acme_billing\"").contains("'--control-plane' = \"Not-A-Namespace\"");
    assertThat(cli.sandbox.aws().calls().total()).isZero();
    assertThat(cli.sandbox.kubernetesRequests()).isEqualTo(kubernetesRequestsBefore);
  }

  @Test
  void aMissingKubeconfigOrAMalformedEndpointIsInvalidInput() {
    cli = SandboxCli.start(1, dir);

    CliRun run = CliRun.of(SandboxCli.connect("ftp//nowhere", dir.resolve("missing.kubeconfig"), "plan", IRSA));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("--aws-endpoint", "ftp//nowhere", "--kubeconfig", "missing.kubeconfig");
    assertThat(cli.sandbox.aws().calls().total()).isZero();
  }

  @Test
  void destroyRemovesTheRoleItCreated() {
    cli = SandboxCli.start(1, dir);
    run("apply", "--yes");

    CliRun run = run("destroy", "--yes");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(cli.sandbox.aws().role("spaces-billing")).isEmpty();
    // The cluster's OIDC provider is shared by every IRSA workload of the cluster: kept.
    assertThat(cli.sandbox.aws().oidcProviders()).hasSize(1);
  }

  @Test
  void destroyOfOneControlPlanePrintsThePlanFirstAndRemovesOnlyItsSubject() {
    cli = SandboxCli.start(2, dir);
    run("apply", "--yes");
    String gone = cli.sandbox.hostNamespaces().get(0);
    String kept = cli.sandbox.hostNamespaces().get(1);
    String[] oneControlPlane = {"--mode", "irsa", "--cluster", Sandbox.CLUSTER, "--role-name", "spaces-billing",
        "--bucket", "acme-billing", "--region", "us-east-1", "--control-plane", gone};

    CliRun run = cli.run("destroy", CliRun.concat(oneControlPlane, "--yes"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    String trust = cli.sandbox.aws().role("spaces-billing").orElseThrow().trustPolicyJson();
    assertThat(trust).doesNotContain("system:serviceaccount:" + gone + ":vector")
        .contains("system:serviceaccount:" + kept + ":vector");
    assertThat(cli.sandbox.aws().rolePolicies("spaces-billing")).containsKey("billing-identity-s3");
    // The plan, what goes and what is kept, comes before the result of applying it.
    String out = run.out();
    int planAt = out.indexOf("destroy plan");
    assertThat(planAt).as(out).isNotNegative();
    assertThat(out.indexOf("remove 1 subject: system:serviceaccount:" + gone + ":vector")).isGreaterThan(planAt);
    assertThat(out.indexOf("kept")).isGreaterThan(planAt);
    assertThat(out.indexOf("applied 1 change(s)")).isGreaterThan(out.indexOf("kept"));
  }
}
