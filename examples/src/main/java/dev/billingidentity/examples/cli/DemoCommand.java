package dev.billingidentity.examples.cli;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.verify.VerificationReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole flow with no AWS account and no cluster — plan, apply, verify, the Space's Helm upgrade,
 * verify, restart, verify — for IRSA and then Pod Identity, on an in-memory Space.
 */
@Command(name = "demo", description = "Run plan -> apply -> verify -> restart -> verify on an in-memory Space.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--control-planes", defaultValue = "5", description = "control planes in the Space (default: 5)")
  int controlPlanes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BillingStorage storage = BillingStorage.s3("us-east-1", "acme-billing");
    IamRole role = IamRole.named("spaces-billing");

    FakeSpace irsaSpace = FakeSpace.withControlPlanes(controlPlanes).groups("team-a", "team-b").build();
    run(out, IdentityMode.IRSA, irsaSpace, BillingIdentity.irsa(
        IrsaSettings.builder().cluster(irsaSpace.clusterName()).role(role).storage(storage).build()));

    FakeSpace podSpace = FakeSpace.withControlPlanes(controlPlanes).groups("team-a", "team-b").build();
    run(out, IdentityMode.POD_IDENTITY, podSpace, BillingIdentity.podIdentity(
        PodIdentitySettings.builder().cluster(podSpace.clusterName()).role(role).storage(storage).build()));
    out.flush();
    return ExitCodes.OK;
  }

  private static void run(PrintWriter out, IdentityMode mode, FakeSpace space, BillingIdentity identity) {
    BillingIdentity bi = identity.using(space.aws().backend(), space.cluster())
        .forControlPlanes(ControlPlanes.discovered());
    out.println("=== " + mode.displayName() + ": a Space with " + space.hostNamespaces().size()
        + " control planes on EKS cluster " + space.clusterName() + " (in memory) ===");
    out.println();
    out.println("$ billing-identity plan");
    Plan plan = bi.plan();
    out.print(plan.render());
    out.println();
    out.println("$ billing-identity apply --yes");
    ApplyResult applied = bi.apply();
    out.print(applied.render());
    out.println();
    out.println("$ helm upgrade spaces ... (the Space's Helm values)");
    List<String> flags = applied.helmValues().setFlags();
    flags.forEach(f -> out.println("  " + f));
    space.applyHelmValues(applied.helmValues());
    out.println();
    out.println("$ billing-identity verify");
    VerificationReport report = bi.verify();
    out.print(report.render());
    out.println();
    out.println("$ billing-identity restart");
    ApplyResult restarted = bi.restartStale();
    out.print(restarted.render());
    out.println();
    out.println("$ billing-identity plan   # nothing left to do");
    out.print(bi.plan().render());
    out.println();
  }
}
