package dev.billingidentity.examples.cli;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.Plan;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code destroy}: removes what billing-identity created for the mode, and only that, for the chosen control planes.
 * The plan (what goes, what is kept, and why) is printed before anything is removed: on stdout, or on stderr with
 * {@code --output json} so that stdout stays one JSON document (which then carries the plan under {@code plan}).
 * With {@code --control-plane} or {@code --group} only those control planes' subjects or associations go; the role
 * goes only with {@code --discover} and no {@code --group}.
 */
@Command(name = "destroy", description = "Remove what billing-identity created for the mode, and only that: for "
    + "--control-plane or --group, their subjects or associations; the role only with --discover and no --group.")
final class DestroyCommand extends OperationCommand {
  @Option(names = {"--yes", "-y"}, required = true, description = "confirm (destroy never asks)")
  boolean yes;

  @Override
  Integer run() {
    BillingIdentity bi = billingIdentity();
    Plan plan = bi.destroyPlan();
    PrintWriter planOut = output.json() ? spec.commandLine().getErr() : out();
    planOut.print("destroy plan (nothing is removed yet):\n" + plan.render());
    planOut.flush();
    // The plan just printed, as printed: a blocked one stops here, before any write.
    ApplyResult result = bi.apply(plan);
    print(result, json -> json.set("plan", plan.toJson()));
    return ExitCodes.OK;
  }
}
