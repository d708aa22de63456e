package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.validation.InvalidInputException;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod Identity on a sandbox whose vector is too old for it, and on one whose vector is not, through the CLI as a user
 * runs it: apply, the Space's helm upgrade, restart, then {@code verify --detailed-exitcode}.
 */
class VectorVersionCommandsTest {
  private static final String[] POD_IDENTITY = {"--mode", "pod-identity", "--cluster", Sandbox.CLUSTER,
      "--role-name", "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--discover"};

  @TempDir Path dir;
  private SandboxCli cli;

  @AfterEach
  void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  /** Pod Identity set up as the guide says, then verified. */
  private CliRun setUpAndVerify(String vectorImage, String... more) {
    cli = SandboxCli.start(Sandbox.builder().controlPlanes(2).vectorImage(vectorImage), dir);
    CliRun apply = cli.run("apply", CliRun.concat(POD_IDENTITY, CliRun.concat(more, "--yes")));
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    cli.sandbox.applyHelmValues(HelmValues.podIdentity(BillingStorage.s3("us-east-1", "acme-billing")));
    CliRun restart = cli.run("restart", CliRun.concat(POD_IDENTITY, more));
    assertThat(restart.exitCode()).as(restart.err()).isZero();
    return cli.run("verify", CliRun.concat(POD_IDENTITY, CliRun.concat(more, "--detailed-exitcode")));
  }

  @Test
  void podIdentityWithVector0431IsNeverHealthyAndSaysWhichReleaseRuns() {
    CliRun verify = setUpAndVerify("timberio/vector:0.43.1-distroless-libc");

    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.CHANGES);
    assertThat(verify.out()).doesNotContain("verified: healthy").contains("verified: 2 problem(s)")
        .contains("INCOMPATIBLE").contains("vector-version").contains("vector 0.43.1")
        .contains("older than 0.46.0").contains("controlPlanes.vector.version");
    assertThat(cli.vectorPodEnvironments()).hasSize(2).allSatisfy(env ->
        assertThat(env).containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
  }

  @Test
  void podIdentityWithVector0470IsHealthy() {
    CliRun verify = setUpAndVerify("timberio/vector:0.47.0-distroless-libc");

    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("verified: healthy");
  }

  @Test
  void theMinimumCanBeLoweredOnTheCommandLine() {
    CliRun verify = setUpAndVerify("timberio/vector:0.43.1-distroless-libc", "--minimum-vector-version", "0.43.0");

    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
  }

  @Test
  void theSandboxRunsAVectorThatCanUsePodIdentityUnlessToldOtherwise() {
    cli = SandboxCli.start(1, dir);

    assertThat(cli.sandbox.kubernetesClient().apps().deployments().inAnyNamespace().list().getItems())
        .singleElement().satisfies(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).isEqualTo(Sandbox.DEFAULT_VECTOR_IMAGE).isEqualTo("timberio/vector:0.47.0-distroless-libc"));
    assertThat(cli.sandbox.kubernetesClient().pods().inAnyNamespace().list().getItems()).singleElement()
        .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
            .isEqualTo(Sandbox.DEFAULT_VECTOR_IMAGE));
  }

  @Test
  void aMinimumThatIsNoReleaseAndAnImageWithSpacesAreInvalidInput() {
    CliRun minimum = CliRun.of(CliRun.concat(CliRun.concat(new String[] {"verify"}, POD_IDENTITY),
        "--minimum-vector-version", "0.46", "--aws-endpoint", "http://127.0.0.1:1"));
    CliRun irsaMinimum = CliRun.of("policies", "--mode", "irsa", "--bucket", "acme-billing", "--region", "us-east-1",
        "--account-id", "123456789012", "--oidc-issuer", "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
        "--control-plane", "mxp-a-system", "--minimum-vector-version", "latest");
    CliRun image = CliRun.of("sandbox", "--vector-image", "timberio/vector 0.47.0");

    assertThat(minimum.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(minimum.err()).contains("'--minimum-vector-version' = \"0.46\"").contains("MAJOR.MINOR.PATCH");
    assertThat(irsaMinimum.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(irsaMinimum.err()).contains("'--minimum-vector-version' = \"latest\"");
    assertThat(image.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(image.err()).contains("'--vector-image' = \"timberio/vector 0.47.0\"");
    Assertions.assertThatThrownBy(() -> Sandbox.builder().vectorImage("").start())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("vectorImage");
  }
}
