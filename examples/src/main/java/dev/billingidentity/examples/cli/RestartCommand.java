package dev.billingidentity.examples.cli;

import dev.billingidentity.ApplyResult;
import picocli.CommandLine.Command;

/** {@code restart}: restarts the vector workloads whose pods predate their identity, and only those. */
@Command(name = "restart", description = "Restart the vector workloads whose pods started before their identity.")
final class RestartCommand extends OperationCommand {
  @Override
  Integer run() {
    ApplyResult result = billingIdentity().restartStale();
    print(result);
    return ExitCodes.OK;
  }
}
