package dev.billingidentity.examples.cli;

import dev.billingidentity.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan}: what apply would change; only reads. */
@Command(name = "plan", description = "Show what apply would change (reads only).")
final class PlanCommand extends OperationCommand {
  @Option(names = "--detailed-exitcode", description = "exit 2 when the plan has changes")
  boolean detailedExitCode;

  @Override
  Integer run() {
    Plan plan = billingIdentity().plan();
    print(plan.render(), plan.toJson());
    if (plan.blocker().isPresent()) {
      return ExitCodes.FAILURE;
    }
    return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
