package dev.billingidentity.spi.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code HeadBucket} says of a bucket, asked of S3 in one region.
 *
 * @param bucket the bucket's name
 * @param answer found, found in another region, forbidden or not found
 * @param region the bucket's region as S3 names it ({@code x-amz-bucket-region}); present when found, and when S3
 *     told it with a refusal
 */
public record BucketStatus(String bucket, Answer answer, Optional<String> region) {
  /** S3's answer to {@code HeadBucket}. */
  public enum Answer {
    /** {@code 200}: the bucket is in the region asked, and these credentials may read it. */
    FOUND,
    /** {@code 301 PermanentRedirect}: the bucket exists in another region ({@link #region()}). */
    IN_ANOTHER_REGION,
    /** {@code 403}: the bucket exists and these credentials may not read it (another account's, or denied). */
    FORBIDDEN,
    /** {@code 404}: no bucket of that name, in any account. */
    NOT_FOUND
  }

  public BucketStatus {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(region, "region");
    if ((answer == Answer.FOUND || answer == Answer.IN_ANOTHER_REGION) && region.isEmpty()) {
      throw new IllegalArgumentException("a bucket " + answer + " has a region: " + bucket);
    }
  }

  /** The bucket is in {@code region}, the one asked. */
  public static BucketStatus found(String bucket, String region) {
    return new BucketStatus(bucket, Answer.FOUND, Optional.of(region));
  }

  /** The bucket is in {@code region}, not the one asked. */
  public static BucketStatus inAnotherRegion(String bucket, String region) {
    return new BucketStatus(bucket, Answer.IN_ANOTHER_REGION, Optional.of(region));
  }

  /** The bucket exists, and may not be read; S3 may have told its region. */
  public static BucketStatus forbidden(String bucket, Optional<String> region) {
    return new BucketStatus(bucket, Answer.FORBIDDEN, region);
  }

  /** There is no such bucket. */
  public static BucketStatus notFound(String bucket) {
    return new BucketStatus(bucket, Answer.NOT_FOUND, Optional.empty());
  }

  /** Whether the bucket exists, readable or not. */
  public boolean exists() {
    return answer != Answer.NOT_FOUND;
  }
}
