package dev.billingidentity.examples.cli;

import dev.billingidentity.validation.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where AWS and the cluster are: {@code --aws-endpoint} (e.g. the sandbox) and {@code --kubeconfig}; and how long
 * one call to either may take: {@code --timeout}.
 */
final class ConnectionOptions {
  /** The shortest {@code --timeout}: below it, real AWS and API server calls would time out when healthy. */
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  /** The longest {@code --timeout}: past it, a stalled endpoint is a hang again. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  @Option(names = "--aws-endpoint", paramLabel = "URL",
      description = "send every AWS call to this endpoint (the sandbox's fake AWS server); default: AWS")
  String awsEndpoint;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: the standard places)")
  String kubeconfig;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "the most one AWS or Kubernetes call may take, retries included, e.g. 30s, 2m, 1m30s "
          + "(1s to 1h; default: 60s for each)")
  String timeout;

  /** {@code --timeout}, when given and valid; the library's defaults apply otherwise. */
  Optional<Duration> timeout() {
    return DurationOption.parse(timeout).filter(ConnectionOptions::inRange);
  }

  private static boolean inRange(Duration d) {
    return d.compareTo(MIN_TIMEOUT) >= 0 && d.compareTo(MAX_TIMEOUT) <= 0;
  }

  /** Adds a problem for an endpoint that is not an http(s) URL and for a kubeconfig that cannot be read. */
  void check(Problems p) {
    // And for a timeout that is not a duration from 1s to 1h.
    if (timeout != null) {
      p.require(timeout().isPresent(), "--timeout", timeout,
          "a duration such as 30s, 2m or 1m30s (units h, m, s, ms), from 1s to 1h");
    }
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
