package dev.billingidentity.examples.cli;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.validation.Problems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helm-values}: prints the Space's Helm values, as {@code --set} flags or a values file. No I/O. */
@Command(name = "helm-values", description = "Print the Space's Helm values for billing (no I/O).")
final class HelmValuesCommand implements Callable<Integer> {
  @Mixin IdentityOptions identity;
  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "set", description = "set (--set flags) or yaml (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    Problems p = new Problems();
    IdentitySettings settings = identity.settings(p);
    p.require(identity.accountId != null, "--account-id", null, "is required: helm-values makes no call to STS");
    p.require(format.equals("set") || format.equals("yaml"), "--format", format, "set or yaml");
    InvalidInput.check(p);
    String roleArn = settings.role().arn(settings.account().orElseThrow());
    HelmValues values = HelmValues.of(settings.mode(), settings.storage(), roleArn);
    var out = spec.commandLine().getOut();
    if (format.equals("yaml")) {
      out.print(values.toYaml());
    } else {
      values.setFlags().forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
