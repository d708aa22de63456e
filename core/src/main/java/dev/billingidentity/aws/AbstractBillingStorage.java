package dev.billingidentity.aws;

import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import org.immutables.value.Value;

/**
 * Where vector writes billing data: an S3 bucket in a region. The region decides the partition of every ARN the
 * library writes ({@code cn-*} regions are {@code aws-cn}, {@code us-gov-*} are {@code aws-us-gov}).
 */
@Value.Immutable
public abstract class AbstractBillingStorage {
  /** {@return the bucket's region, e.g. {@code us-east-1}} */
  public abstract String region();

  /** {@return the bucket's name, e.g. {@code acme-billing}} */
  public abstract String bucket();

  /** {@return an S3 bucket in a region, validated against S3's naming rules and AWS's region format} */
  public static BillingStorage s3(String region, String bucket) {
    return BillingStorage.builder().region(region).bucket(bucket).build();
  }

  /** {@return the partition of the region} */
  public Partition partition() {
    return Partition.ofRegion(region());
  }

  /** {@return {@code arn:<partition>:s3:::<bucket>}} */
  public String bucketArn() {
    return "arn:" + partition().id() + ":s3:::" + bucket();
  }

  /** {@return {@code arn:<partition>:s3:::<bucket>/*}: every object of the bucket} */
  public String objectsArn() {
    return bucketArn() + "/*";
  }

  /** Refuses a value that breaks the rule of its field, naming both. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    InputRules.region(p, "storage.region", region());
    InputRules.s3Bucket(p, "storage.bucket", bucket());
    p.throwIfAny();
  }
}
