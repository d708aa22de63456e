package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Promise: appliers in two processes, with different control planes, on one role, end with the union of their
 * subjects. IAM has no conditional write; the read-back after each trust write is what keeps both.
 */
class TwoProcessesTest {

  @Test
  void twoProcessesApplyingDifferentControlPlanesEndWithTheUnion() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(6).build();
    List<String> mine = space.hostNamespaces().subList(0, 3);
    List<String> theirs = space.hostNamespaces().subList(3, 6);
    try (FakeAwsServer server = FakeAwsServer.start(space.aws());
        AwsAdapters aws = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
            .build()) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), SecondProcessApplier.class.getName(),
          server.endpoint().toString(), space.clusterName()));
      command.addAll(theirs);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("EXISTING_NAMESPACES", String.join(",", space.hostNamespaces()));
      Process other = builder.start();

      // Keep applying while the other process runs, so that the two really race on the trust policy.
      for (int round = 0; round < 200 && (round < 3 || other.isAlive()); round++) {
        String ns = mine.get(round % mine.size());
        BillingIdentity.irsa(IrsaSettings.builder().cluster(space.clusterName()).role(IamRole.named("spaces-billing"))
                .storage(BillingStorage.s3("us-east-1", "acme-billing")).build())
            .using(aws.backend(), space.cluster()).forControlPlanes(ControlPlanes.hostNamespaces(ns)).apply();
      }
      assertThat(other.waitFor(120, TimeUnit.SECONDS)).as("the second process finished").isTrue();
      String output = new String(other.getInputStream().readAllBytes());
      assertThat(other.exitValue()).as(output).isZero();
    }

    String trust = space.aws().role("spaces-billing").orElseThrow().trustPolicyJson();
    for (String ns : space.hostNamespaces()) {
      assertThat(trust).contains("system:serviceaccount:" + ns + ":vector");
    }
  }
}
