package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.testing.FakeSpace;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --trust-unlabelled-host-namespaces}: without it the CLI gives no identity in a host namespace Spaces did not
 * label for its control plane and says why; with it, it does (but never in a system namespace).
 */
class HostNamespaceTrustCommandTest {
  private static String[] args(String mode, String... more) {
    return CliRun.concat(new String[] {"plan", "--mode", mode, "--cluster", FakeSpace.CLUSTER, "--role-name",
        "spaces-billing", "--bucket", "acme-billing", "--region", "us-east-1", "--discover"}, more);
  }

  /** A Space with one control plane whose object names a namespace Spaces did not label, and one naming kube-system. */
  private static FakeSpace space() {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    space.cluster().givenNamespace("custom-host", Map.of()).givenServiceAccount("custom-host", "vector", Map.of());
    space.cluster().givenControlPlaneObject("team-a", "custom", "11111111-2222-3333-4444-555555555555",
        "custom-host", Map.of());
    space.cluster().givenNamespace("kube-system", Map.of()).givenServiceAccount("kube-system", "vector", Map.of());
    space.cluster().givenControlPlaneObject("team-a", "cp1", "22222222-2222-3333-4444-555555555555",
        "kube-system", Map.of());
    return space;
  }

  @ParameterizedTest
  @ValueSource(strings = {"irsa", "pod-identity"})
  void anUnlabelledHostNamespaceIsTrustedOnlyWithTheFlagAndKubeSystemNeverIs(String mode) {
    CliRun strict = CliRun.on(space(), args(mode, "--output", "json"));
    CliRun trusting = CliRun.on(space(), args(mode, "--output", "json", "--trust-unlabelled-host-namespaces"));

    assertThat(strict.exitCode()).as(strict.err()).isZero();
    assertThat(strict.out()).contains("control plane team-a/custom is not provisioned: host namespace custom-host "
        + "is not labelled for control plane team-a/custom")
        .contains("control plane team-a/cp1 is not provisioned: host namespace kube-system is not labelled")
        .doesNotContain("system:serviceaccount:custom-host:vector").doesNotContain("\"namespace\" : \"custom-host\"");
    assertThat(trusting.exitCode()).as(trusting.err()).isZero();
    assertThat(trusting.out()).doesNotContain("control plane team-a/custom is not provisioned")
        .contains(mode.equals("irsa") ? "system:serviceaccount:custom-host:vector" : "\"namespace\" : \"custom-host\"")
        .contains("which trustUnlabelledHostNamespaces does not cover")
        .doesNotContain("system:serviceaccount:kube-system:vector").doesNotContain("\"namespace\" : \"kube-system\"");
  }
}
