package dev.billingidentity.examples.cli;

import picocli.CommandLine.Option;

/** Where AWS and the cluster are: {@code --aws-endpoint} (e.g. the sandbox) and {@code --kubeconfig}. */
final class ConnectionOptions {
  @Option(names = "--aws-endpoint", paramLabel = "URL",
      description = "send every AWS call to this endpoint (the sandbox's fake AWS server); default: AWS")
  String awsEndpoint;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: the standard places)")
  String kubeconfig;
}
