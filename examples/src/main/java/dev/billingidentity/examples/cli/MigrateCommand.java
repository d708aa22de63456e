package dev.billingidentity.examples.cli;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.podidentity.MigrationStep;
import dev.billingidentity.podidentity.PodIdentityMigration;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate}: from IRSA to Pod Identity, one step at a time, each shown before it runs. Without {@code --step} it
 * prints where the migration stands and what comes next; re-running a step after an interruption continues it.
 * The Pod Identity options ({@code --role-name} ...) describe the target; {@code --from-role-name} the IRSA role.
 */
@Command(name = "migrate", description = "Migrate from IRSA to Pod Identity, one step at a time.")
final class MigrateCommand extends OperationCommand {
  @Option(names = "--from-role-name", description = "the IRSA role (default: the same role as --role-name)")
  String fromRoleName;

  @Option(names = "--step", description = "create-associations, drop-annotation, restart-workloads or remove-irsa-trust")
  String step;

  @Option(names = {"--yes", "-y"}, description = "apply the step (without it, only its plan is shown)")
  boolean yes;

  @Override
  Integer run() {
    Problems p = new Problems();
    MigrationStep chosen = null;
    if (step != null) {
      try {
        chosen = MigrationStep.valueOf(step.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        p.require(false, "--step", step,
            "one of create-associations, drop-annotation, restart-workloads, remove-irsa-trust");
      }
    }
    p.require("pod-identity".equals(identity.mode), "--mode", identity.mode, "migrate goes to pod-identity");
    if (fromRoleName != null) {
      InputRules.roleName(p, "--from-role-name", fromRoleName);
    }
    BillingIdentity podIdentity = billingIdentity(p);
    IrsaSettings irsa = IrsaSettings.builder()
        .cluster(podIdentity.settings().cluster())
        .role(fromRoleName == null ? podIdentity.settings().role() : IamRole.named(fromRoleName))
        .storage(podIdentity.settings().storage())
        .account(podIdentity.settings().account())
        .trustPolicyQuota(podIdentity.settings().trustPolicyQuota())
        .build();
    PodIdentityMigration migration = PodIdentityMigration.from(podIdentity, irsa);
    if (chosen == null) {
      out().print(migration.status().render());
      out().flush();
      return ExitCodes.OK;
    }
    if (!yes) {
      Plan plan = migration.plan(chosen);
      print(plan.render(), plan.toJson());
      return plan.blocker().isPresent() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
    ApplyResult result = migration.apply(chosen);
    print(result);
    return ExitCodes.OK;
  }
}
