package dev.billingidentity.examples.cli;

import dev.billingidentity.plan.ApplyProgress;
import dev.billingidentity.validation.Problems;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --output text|json} and {@code --progress auto|always|never}. */
final class OutputOptions {
  @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--progress", defaultValue = "auto",
      description = "progress of long applies on stderr: auto (when this process has a terminal), always or never "
          + "(default: ${DEFAULT-VALUE})")
  String progress;

  boolean json() {
    return "json".equals(output);
  }

  /** Adds a problem for a value outside the choices. */
  void check(Problems p) {
    p.require(List.of("text", "json").contains(output), "--output", output, "text or json");
    p.require(List.of("auto", "always", "never").contains(progress), "--progress", progress, "auto, always or never");
  }

  /**
   * The progress display {@code --progress} asks for. {@code auto} shows it when the JVM has a console, Java 17's
   * only test for a terminal (it looks at stdin and stdout; {@code --progress never} silences a terminal whose
   * stderr goes to a file).
   */
  ApplyProgress display(PrintWriter err) {
    return switch (progress) {
      case "always" -> TerminalProgress.on(err);
      case "auto" -> System.console() != null ? TerminalProgress.on(err) : ApplyProgress.NONE;
      default -> ApplyProgress.NONE;
    };
  }
}
