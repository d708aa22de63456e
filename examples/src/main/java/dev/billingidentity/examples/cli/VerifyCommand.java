package dev.billingidentity.examples.cli;

import dev.billingidentity.validation.Problems;
import dev.billingidentity.verify.VerificationReport;
import dev.billingidentity.verify.VerifyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify}: the guide's checks for every control plane; only reads. With {@code --probe}, also vector's own
 * chain per control plane: a token for its service account (TokenRequest), exchanged for the role's credentials (STS
 * or EKS Auth), then {@code HeadBucket} with them. Tokens and credentials are never printed.
 */
@Command(name = "verify", description = "Check the role, trust, annotations and vector pods (reads only).")
final class VerifyCommand extends OperationCommand {
  @Option(names = "--detailed-exitcode", description = "exit 2 when something needs fixing")
  boolean detailedExitCode;

  @Option(names = "--probe", description = "also walk vector's chain per control plane: a token for its service "
      + "account, exchanged for the role's credentials, then HeadBucket with them (needs create on "
      + "serviceaccounts/token for vector; Pod Identity: eks-auth:AssumeRoleForPodIdentity)")
  boolean probe;

  @Option(names = "--probe-sample", paramLabel = "N", description = "with --probe, probe only the first N control "
      + "planes")
  Integer probeSample;

  @Override
  Integer run() {
    Problems p = new Problems();
    p.require(probeSample == null || probe, "--probe-sample", String.valueOf(probeSample),
        "needs --probe: it says how many control planes to probe");
    p.require(probeSample == null || probeSample >= 1, "--probe-sample", String.valueOf(probeSample),
        "must be at least 1");
    var bi = billingIdentity(p);
    VerifyOptions options = !probe ? VerifyOptions.defaults()
        : probeSample == null ? VerifyOptions.probe() : VerifyOptions.probe().sample(probeSample);
    VerificationReport report = bi.verify(options);
    print(report.render(), report.toJson());
    return detailedExitCode && !report.isHealthy() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
