package dev.billingidentity.examples.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}. */
final class OutputOptions {
  @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  String output;

  boolean json() {
    return "json".equals(output);
  }
}
