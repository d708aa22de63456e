package dev.billingidentity.examples.cli;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.permissions.OperatorPolicy;
import dev.billingidentity.validation.Problems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code permissions}: prints the IAM policy that the library's own credentials (a CLI user's, or the operator's role)
 * need for the mode; made from the library's table of port operations, so it cannot drift from the calls it makes.
 * It names the role, the cluster, the account and the region ({@code --region}), so it asks for the settings the
 * operations take and the account.
 */
@Command(name = "permissions", description = "Print the IAM policy billing-identity's own credentials need (no I/O).")
final class PermissionsCommand implements Callable<Integer> {
  @Mixin IdentityOptions identity;
  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(names = "--probe", description = "include what verify --probe needs (Pod Identity: "
      + "eks-auth:AssumeRoleForPodIdentity on the cluster; IRSA: nothing more)")
  boolean probe;

  @Override
  public Integer call() {
    Problems p = new Problems();
    IdentitySettings settings = identity.settings(p);
    identity.givenControlPlanes(p);
    identity.require(p, "is required: permissions makes no call to STS", "--account-id");
    InvalidInput.check(p);
    var out = spec.commandLine().getOut();
    out.println(OperatorPolicy.forSettings(settings, settings.account().orElseThrow(), settings.storage().region(),
        probe).toPrettyJson());
    out.flush();
    return ExitCodes.OK;
  }
}
