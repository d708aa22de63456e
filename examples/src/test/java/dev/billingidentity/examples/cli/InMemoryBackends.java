package dev.billingidentity.examples.cli;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.testing.FakeSpace;

/** The CLI's backends on an in-memory Space. */
record InMemoryBackends(FakeSpace space) implements Backends {
  @Override
  public AwsBackend aws(ConnectionOptions connection, String region) {
    return space.aws().backend();
  }

  @Override
  public ClusterPort cluster(ConnectionOptions connection) {
    return space.cluster();
  }
}
