package dev.billingidentity.examples.cli;

import dev.billingidentity.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verify}: the guide's checks for every control plane; only reads. */
@Command(name = "verify", description = "Check the role, trust, annotations and vector pods (reads only).")
final class VerifyCommand extends OperationCommand {
  @Option(names = "--detailed-exitcode", description = "exit 2 when something needs fixing")
  boolean detailedExitCode;

  @Override
  Integer run() {
    VerificationReport report = billingIdentity().verify();
    print(report.render(), report.toJson());
    return detailedExitCode && !report.isHealthy() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
