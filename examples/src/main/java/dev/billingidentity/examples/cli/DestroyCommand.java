package dev.billingidentity.examples.cli;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code destroy}: removes what billing-identity created for the mode, and only that. */
@Command(name = "destroy", description = "Remove what billing-identity created for the mode, and only that.")
final class DestroyCommand extends OperationCommand {
  @Option(names = {"--yes", "-y"}, required = true, description = "confirm (destroy never asks)")
  boolean yes;

  @Override
  Integer run() {
    BillingIdentity bi = billingIdentity();
    Plan plan = bi.destroyPlan();
    ApplyResult result = bi.apply(plan);
    print(result);
    return ExitCodes.OK;
  }
}
