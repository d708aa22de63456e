package dev.billingidentity.spi.aws;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.Partition;

/**
 * Who the library's credentials are, as STS {@code GetCallerIdentity} says.
 *
 * @param account the 12-digit account id
 * @param arn the caller's ARN, which also gives the partition
 * @param userId the caller's unique id
 */
public record CallerIdentity(String account, String arn, String userId) {
  /** {@return the account, in the partition of the caller's ARN} */
  public AwsAccount awsAccount() {
    return AwsAccount.of(account, Partition.ofArn(arn));
  }
}
