package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.ClusterInfo;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import org.junit.jupiter.api.Test;

/**
 * EKS {@code DescribeCluster}, as IRSA needs it: the cluster ARN and its OIDC issuer, and
 * {@code ResourceNotFoundException} (HTTP 404) for a cluster that does not exist. Passes on moto 5.2.1.
 */
public abstract class EksClusterContract {
  /** The port under test. */
  protected abstract EksPort eks();

  /** Creates a cluster with an OIDC issuer in the backend behind the port; returns the issuer URL. */
  protected abstract String givenCluster(String name);

  @Test
  void describeClusterGivesTheArnAndTheOidcIssuer() {
    String issuer = givenCluster("contract-cluster");

    ClusterInfo info = eks().describeCluster("contract-cluster");

    assertThat(info.name()).isEqualTo("contract-cluster");
    assertThat(info.arn()).matches("arn:aws[a-z-]*:eks:[a-z0-9-]+:\\d{12}:cluster/contract-cluster");
    assertThat(info.oidcIssuer()).contains(issuer);
    assertThat(issuer).startsWith("https://");
  }

  @Test
  void aMissingClusterIsNoSuchEntity() {
    assertThatThrownBy(() -> eks().describeCluster("no-such-cluster")).isInstanceOf(NoSuchEntityException.class)
        .satisfies(e -> assertThat(((NoSuchEntityException) e).errorCode()).isEqualTo("ResourceNotFoundException"))
        .satisfies(e -> assertThat(((NoSuchEntityException) e).statusCode()).isEqualTo(404));
  }
}
