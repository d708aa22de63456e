package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --aws-endpoint}: the CLI's real SDK adapters against the fake AWS server, over HTTP. */
class AwsEndpointTest {
  private FakeSpace space;
  private FakeAwsServer server;

  @BeforeEach
  void start() {
    System.setProperty("aws.accessKeyId", "AKIAFAKE");
    System.setProperty("aws.secretAccessKey", "fake");
    space = FakeSpace.withControlPlanes(3).build();
    server = FakeAwsServer.start(space.aws());
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** Real AWS adapters (as the CLI makes them), the in-memory Space as the cluster. */
  private final class RealAwsInMemoryCluster implements Backends {
    private final DefaultBackends real = new DefaultBackends();

    @Override
    public AwsBackend aws(ConnectionOptions connection, String region) {
      return real.aws(connection, region);
    }

    @Override
    public ClusterPort cluster(ConnectionOptions connection) {
      return space.cluster();
    }
  }

  private CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BillingIdentityCli.run(new RealAwsInMemoryCluster(), new PrintWriter(out, true),
        new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void applyOverHttpGivesTheSameRoleAndASecondPlanIsEmpty() throws Exception {
    String[] common = {"--mode", "irsa", "--cluster", FakeSpace.CLUSTER, "--role-name", "spaces-billing",
        "--bucket", "acme-billing", "--region", "us-east-1", "--discover", "--aws-endpoint",
        server.endpoint().toString()};

    CliRun apply = run(concat("apply", common, "--yes", "--output", "json"));
    CliRun plan = run(concat("plan", common, "--detailed-exitcode"));

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(apply.out());
    assertThat(json.path("changes")).hasSize(3);
    assertThat(space.aws().role("spaces-billing").orElseThrow().trustPolicyJson())
        .contains(space.hostNamespaces().get(0), space.hostNamespaces().get(2));
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
  }

  private static String[] concat(String command, String[] common, String... more) {
    String[] all = new String[1 + common.length + more.length];
    all[0] = command;
    System.arraycopy(common, 0, all, 1, common.length);
    System.arraycopy(more, 0, all, 1 + common.length, more.length);
    return all;
  }
}
