package dev.billingidentity.examples.cli;

import dev.billingidentity.validation.Problems;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where AWS and the cluster are: {@code --aws-endpoint} (e.g. the sandbox) and {@code --kubeconfig}. */
final class ConnectionOptions {
  @Option(names = "--aws-endpoint", paramLabel = "URL",
      description = "send every AWS call to this endpoint (the sandbox's fake AWS server); default: AWS")
  String awsEndpoint;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: the standard places)")
  String kubeconfig;

  /** Adds a problem for an endpoint that is not an http(s) URL and for a kubeconfig that cannot be read. */
  void check(Problems p) {
    if (awsEndpoint != null) {
      URI uri = parse(awsEndpoint);
      p.require(uri != null && uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())), "--aws-endpoint", awsEndpoint,
          "an http or https URL with a host, e.g. http://127.0.0.1:4566");
    }
    if (kubeconfig != null) {
      dev.billingidentity.kubernetes.KubeconfigFile.check(p, "--kubeconfig", kubeconfig);
    }
  }

  private static URI parse(String s) {
    try {
      return URI.create(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
