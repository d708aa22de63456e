package dev.billingidentity.aws;

import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import org.immutables.value.Value;

/** An AWS account: its 12-digit id and the partition it lives in. */
@Value.Immutable
public abstract class AbstractAwsAccount {
  /** {@return the 12-digit account id, e.g. {@code 123456789012}} */
  public abstract String id();

  /** {@return the partition, {@code aws} unless the account is in China or GovCloud} */
  @Value.Default
  public Partition partition() {
    return Partition.AWS;
  }

  /** {@return an account in the given partition} */
  public static AwsAccount of(String id, Partition partition) {
    return AwsAccount.builder().id(id).partition(partition).build();
  }

  /** {@return {@code arn:<partition>:iam::<id>:} followed by {@code resource}} */
  public String iamArn(String resource) {
    return "arn:" + partition().id() + ":iam::" + id() + ":" + resource;
  }

  /** Refuses a value that breaks the rule of its field, naming both. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    InputRules.accountId(p, "account.id", id());
    p.throwIfAny();
  }
}
