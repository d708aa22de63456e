package dev.billingidentity.spi.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * A bucket's default encryption, as {@code GetBucketEncryption} answers it: what S3 does to every object vector
 * writes, and so which KMS key (if any) vector's role must be allowed to use.
 *
 * @param bucket the bucket's name
 * @param kind none, SSE-S3, SSE-KMS or DSSE-KMS
 * @param kmsKeyId {@code KMSMasterKeyID} as S3 holds it, for the KMS kinds: a key ARN, a key id, an alias
 *     ({@code alias/...}) or an alias ARN; empty means the AWS managed key {@code aws/s3}
 * @param bucketKeyEnabled whether S3 Bucket Keys are on (KMS is then called per bucket key, with the bucket's ARN as
 *     encryption context, rather than per object)
 */
public record BucketEncryption(String bucket, Kind kind, Optional<String> kmsKeyId, boolean bucketKeyEnabled) {
  /** The alias of the AWS managed key of S3, which every role of the account may use through S3. */
  public static final String AWS_MANAGED_KEY_ALIAS = "alias/aws/s3";

  /** The default encryption's algorithm ({@code SSEAlgorithm}). */
  public enum Kind {
    /** No default encryption configuration ({@code ServerSideEncryptionConfigurationNotFoundError}). */
    NONE,
    /** {@code AES256}: S3 managed keys, every bucket's default since January 2023. */
    SSE_S3,
    /** {@code aws:kms}: a KMS key. */
    SSE_KMS,
    /** {@code aws:kms:dsse}: dual-layer encryption with a KMS key. */
    DSSE_KMS
  }

  public BucketEncryption {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    if (kmsKeyId.isPresent() && !usesKms(kind)) {
      throw new IllegalArgumentException("a " + kind + " encryption of " + bucket + " names no KMS key, was given "
          + kmsKeyId.get());
    }
  }

  /** No default encryption configuration. */
  public static BucketEncryption none(String bucket) {
    return new BucketEncryption(bucket, Kind.NONE, Optional.empty(), false);
  }

  /** SSE-S3 ({@code AES256}). */
  public static BucketEncryption sseS3(String bucket) {
    return new BucketEncryption(bucket, Kind.SSE_S3, Optional.empty(), false);
  }

  /** SSE-KMS with the given key (empty: the AWS managed key). */
  public static BucketEncryption sseKms(String bucket, Optional<String> kmsKeyId, boolean bucketKeyEnabled) {
    return new BucketEncryption(bucket, Kind.SSE_KMS, kmsKeyId, bucketKeyEnabled);
  }

  /** Whether objects are encrypted with a KMS key (SSE-KMS or DSSE-KMS). */
  public boolean usesKms() {
    return usesKms(kind);
  }

  /** Whether the key is S3's AWS managed key: none named, or {@code alias/aws/s3} (or its alias ARN). */
  public boolean usesAwsManagedKey() {
    return usesKms() && kmsKeyId.map(id -> id.equals(AWS_MANAGED_KEY_ALIAS)
        || id.endsWith(":" + AWS_MANAGED_KEY_ALIAS)).orElse(true);
  }

  private static boolean usesKms(Kind kind) {
    return kind == Kind.SSE_KMS || kind == Kind.DSSE_KMS;
  }
}
