package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.examples.sandbox.Sandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The billing bucket through the CLI against a sandbox: a bucket in another region than {@code --region} is refused
 * before any write, naming both regions and the fix; a bucket with a customer KMS key gets that key in the role's
 * policy, and {@code verify} reports the bucket.
 */
class BillingBucketCommandsTest {
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String[] IRSA = {"--mode", "irsa", "--cluster", Sandbox.CLUSTER, "--role-name",
      "spaces-billing", "--bucket", Sandbox.BUCKET, "--region", "us-east-1", "--discover"};

  @TempDir Path dir;
  private SandboxCli cli;

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void aBucketInAnotherRegionIsRefusedBeforeAnyWrite() {
    cli = SandboxCli.start(Sandbox.builder().controlPlanes(1).bucketRegion("eu-west-1"), dir);

    CliRun plan = cli.run("plan", IRSA);
    CliRun apply = cli.run("apply", CliRun.concat(IRSA, "--yes"));

    assertThat(plan.out()).contains("BLOCKED: the billing bucket acme-billing is in region eu-west-1, not in the "
        + "configured region us-east-1").contains("--region eu-west-1");
    assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(apply.err()).contains("eu-west-1", "us-east-1");
    assertThat(cli.sandbox.aws().calls().writes()).isZero();
  }

  @Test
  void aCustomerKeyOfTheBucketJoinsTheRolesPolicyAndVerifyReportsIt() {
    cli = SandboxCli.start(Sandbox.builder().controlPlanes(1).bucketKmsKey(KEY), dir);

    CliRun apply = cli.run("apply", CliRun.concat(IRSA, "--yes"));
    CliRun verify = cli.run("verify", CliRun.concat(IRSA, "--output", "json"));

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(cli.sandbox.aws().rolePolicies("spaces-billing").get("billing-identity-s3"))
        .contains("kms:GenerateDataKey", KEY, "s3.us-east-1.amazonaws.com");
    assertThat(verify.out()).contains("\"subject\" : \"bucket\"").contains("customer managed key " + KEY);
  }
}
