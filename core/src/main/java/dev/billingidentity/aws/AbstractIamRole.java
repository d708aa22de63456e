package dev.billingidentity.aws;

import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import org.immutables.value.Value;

/** The IAM role the billing workload assumes: its name and path. */
@Value.Immutable
public abstract class AbstractIamRole {
  /** The role name, e.g. {@code spaces-billing}. */
  public abstract String name();

  /** The role path, {@code /} unless given. */
  @Value.Default
  public String path() {
    return "/";
  }

  /** A role with the default path {@code /}. */
  public static IamRole named(String name) {
    return IamRole.builder().name(name).build();
  }

  /** {@code arn:<partition>:iam::<account>:role<path><name>}. */
  public String arn(AwsAccount account) {
    return account.iamArn("role" + path() + name());
  }

  @Value.Check
  protected void check() {
    Problems p = new Problems();
    InputRules.roleName(p, "role.name", name());
    InputRules.rolePath(p, "role.path", path());
    p.throwIfAny();
  }
}
