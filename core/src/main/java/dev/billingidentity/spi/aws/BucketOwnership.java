package dev.billingidentity.spi.aws;

import java.util.Objects;

/**
 * Whether a bucket belongs to an account, as {@code HeadBucket} with {@code ExpectedBucketOwner} tells it.
 *
 * @param bucket the bucket's name
 * @param accountId the account asked about
 * @param owned {@code true} when S3 answered {@code 200}; {@code false} when it answered {@code 403}, which for a
 *     bucket the caller can otherwise read means another account owns it
 */
public record BucketOwnership(String bucket, String accountId, boolean owned) {
  public BucketOwnership {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(accountId, "accountId");
  }
}
