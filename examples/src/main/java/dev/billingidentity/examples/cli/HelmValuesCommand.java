package dev.billingidentity.examples.cli;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.validation.Problems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helm-values}: prints the Space's Helm values, as {@code --set} flags or a values file. No I/O, so it asks for
 * what the values are made of, and nothing else: the bucket and its region, and for IRSA the role's ARN (its name,
 * path and account). Pod Identity's values name no role; no mode's name the cluster.
 */
@Command(name = "helm-values", description = "Print the Space's Helm values for billing (no I/O).")
final class HelmValuesCommand implements Callable<Integer> {
  @Mixin IdentityOptions identity;
  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "set", description = "set (--set flags) or yaml (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    Problems p = new Problems();
    IdentityOptions.Values values = identity.values(p);
    identity.givenControlPlanes(p);
    identity.require(p, "is required", "--bucket", "--region");
    if (values.mode() == IdentityMode.IRSA) {
      identity.require(p, "is required for IRSA: the role's ARN is annotated on vector's service account",
          "--role-name");
      identity.require(p, "is required for IRSA: helm-values makes no call to STS", "--account-id");
    }
    p.require(format.equals("set") || format.equals("yaml"), "--format", format, "set or yaml");
    InvalidInput.check(p);
    HelmValues helm = values.mode() == IdentityMode.IRSA
        ? HelmValues.irsa(values.storage(), values.role().arn(values.account()))
        : HelmValues.podIdentity(values.storage());
    var out = spec.commandLine().getOut();
    if (format.equals("yaml")) {
      out.print(helm.toYaml());
    } else {
      helm.setFlags().forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
