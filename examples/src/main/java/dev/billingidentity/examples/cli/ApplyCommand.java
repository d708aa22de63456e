package dev.billingidentity.examples.cli;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apply}: shows the plan, asks for confirmation on a terminal (unless {@code --yes}), applies it, verifies,
 * and prints the result (changes made, calls by operation, duration).
 */
@Command(name = "apply", description = "Apply the plan, then verify.")
final class ApplyCommand extends OperationCommand {
  @Option(names = {"--yes", "-y"}, description = "do not ask for confirmation")
  boolean yes;

  @Override
  Integer run() throws IOException {
    BillingIdentity bi = billingIdentity();
    if (yes) {
      // One operation: the verification after the changes may reuse what the plan read and what the writes
      // answered (a thousand associations need not be described again).
      print(bi.apply());
      return ExitCodes.OK;
    }
    Plan plan = bi.plan();
    if (plan.isEmpty()) {
      print(bi.apply(plan));
      return ExitCodes.OK;
    }
    if (System.console() == null) {
      spec.commandLine().getErr().println("error: apply has changes to make and no terminal to confirm them on; "
          + "review them with plan and pass --yes");
      spec.commandLine().getErr().flush();
      return ExitCodes.FAILURE;
    }
    out().print(plan.render());
    out().print("Apply these changes? Only 'yes' is accepted: ");
    out().flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (!"yes".equals(answer)) {
      out().println("apply cancelled");
      out().flush();
      return ExitCodes.FAILURE;
    }
    // The plan the person approved, applied as planned; the verification reads afresh, as time has passed.
    print(bi.apply(plan));
    return ExitCodes.OK;
  }
}
