package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.helm.HelmValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --probe} through the CLI against a sandbox in this JVM (the real SDK and fabric8 adapters over HTTP;
 * the sandbox's TokenRequest, STS, EKS Auth and S3 decide as Kubernetes and AWS do): after apply, Helm values and
 * restart every control plane reaches the bucket; one added after the apply is refused by name; and
 * {@code permissions --probe} names what the probe needs.
 */
class ProbeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/spaces-billing";
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");

  @TempDir Path dir;
  private SandboxCli cli;

  @AfterEach
  void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  private static String[] options(String mode, String... more) {
    return CliRun.concat(new String[] {"--mode", mode, "--cluster", Sandbox.CLUSTER, "--role-name", "spaces-billing",
        "--bucket", "acme-billing", "--region", "us-east-1", "--discover"}, more);
  }

  private static List<JsonNode> probes(CliRun run) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(run.out()).path("findings").forEach(f -> {
      if (f.path("check").asText().equals("probe")) {
        out.add(f);
      }
    });
    return out;
  }

  @Test
  void irsaAfterApplyHelmValuesAndRestartEveryControlPlaneReachesTheBucketAndANewOneIsRefused() throws Exception {
    cli = SandboxCli.start(2, dir);
    assertThat(cli.run("apply", options("irsa", "--yes")).exitCode()).isZero();
    cli.sandbox.applyHelmValues(HelmValues.irsa(STORAGE, ROLE));
    assertThat(cli.run("restart", options("irsa")).exitCode()).isZero();

    CliRun healthy = cli.run("verify", options("irsa", "--probe", "--detailed-exitcode", "--output", "json"));

    assertThat(healthy.exitCode()).as(healthy.out() + healthy.err()).isZero();
    assertThat(probes(healthy)).hasSize(2).allSatisfy(f -> {
      assertThat(f.path("state").asText()).isEqualTo("OK");
      assertThat(f.path("detail").asText()).contains("reaches bucket acme-billing as role spaces-billing");
    });

    String later = cli.sandbox.addControlPlane("default");
    CliRun refused = cli.run("verify", options("irsa", "--probe", "--detailed-exitcode"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.out()).contains("MISSING", later + " probe: STS AssumeRoleWithWebIdentity refused "
        + "(AccessDenied): role spaces-billing refuses this subject: system:serviceaccount:" + later + ":vector",
        "-> apply()");

    CliRun sampled = cli.run("verify", options("irsa", "--probe", "--probe-sample", "1", "--output", "json"));
    assertThat(probes(sampled)).hasSize(1);
  }

  @Test
  void podIdentityAfterApplyEveryControlPlaneReachesTheBucketThroughEksAuth() throws Exception {
    cli = SandboxCli.start(2, dir);
    assertThat(cli.run("apply", options("pod-identity", "--yes")).exitCode()).isZero();
    cli.run("restart", options("pod-identity"));

    CliRun probed = cli.run("verify", options("pod-identity", "--probe", "--output", "json"));

    assertThat(probes(probed)).hasSize(2).allSatisfy(f -> assertThat(f.path("state").asText()).as(f.toString())
        .isEqualTo("OK"));
    String later = cli.sandbox.addControlPlane("default");
    CliRun refused = cli.run("verify", options("pod-identity", "--probe"));
    assertThat(refused.out()).contains(later + " probe: EKS Auth AssumeRoleForPodIdentity found nothing "
        + "(ResourceNotFoundException)");
  }

  @Test
  void aProbeSampleWithoutTheProbeOrBelowOneIsInvalidInputAndNothingIsCalled() {
    cli = SandboxCli.start(1, dir);

    CliRun withoutProbe = cli.run("verify", options("irsa", "--probe-sample", "2"));
    CliRun zero = cli.run("verify", options("irsa", "--probe", "--probe-sample", "0"));

    assertThat(withoutProbe.exitCode()).isEqualTo(3);
    assertThat(withoutProbe.err()).contains("--probe-sample").contains("needs --probe");
    assertThat(zero.exitCode()).isEqualTo(3);
    assertThat(zero.err()).contains("--probe-sample").contains("must be at least 1");
    assertThat(cli.sandbox.aws().calls().total()).isZero();
  }

  @Test
  void permissionsWithTheProbeAddEksAuthForPodIdentityOnly() {
    String[] pods = {"--mode", "pod-identity", "--cluster", "spaces-prod", "--role-name", "spaces-billing",
        "--bucket", "acme-billing", "--region", "us-east-1", "--account-id", "123456789012"};

    CliRun without = CliRun.of(CliRun.concat(new String[] {"permissions"}, pods));
    CliRun with = CliRun.of(CliRun.concat(CliRun.concat(new String[] {"permissions"}, pods), "--probe"));

    assertThat(without.out()).doesNotContain("eks-auth:");
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out()).contains("\"eks-auth:AssumeRoleForPodIdentity\"");
  }
}
