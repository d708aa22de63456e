package dev.billingidentity.spi.aws;

import dev.billingidentity.aws.BillingStorage;

/**
 * The S3 reads the library needs of the billing bucket: whether it exists, where, whose it is, and how S3 encrypts
 * what vector writes to it. Each asks S3 in the storage's region about the storage's bucket, as vector will: a bucket
 * that lives elsewhere answers so (AWS's {@code 301 PermanentRedirect} with {@code x-amz-bucket-region}). Nothing here
 * writes; the library never creates, changes or deletes a bucket.
 */
public interface S3Port {
  /**
   * {@code HeadBucket} with the caller's credentials: found (and in which region), found in another region than
   * asked, forbidden (it exists, but these credentials may not read it: another account's bucket, or a policy that
   * denies it) or not found. Other errors (throttling, server errors) are thrown as {@link AwsServiceException}.
   */
  BucketStatus findBucket(BillingStorage storage);

  /**
   * {@code HeadBucket} with {@code ExpectedBucketOwner}: whether the bucket belongs to {@code accountId}. {@code true}
   * (S3's {@code 200}) also says that the bucket exists in the storage's region; S3 answers {@code 403} alike for a
   * bucket of another account and for one these credentials may not read, which {@link #findBucket} tells apart.
   * Throws {@link NoSuchEntityException} when there is no such bucket, and {@link AwsServiceException} with status
   * {@code 301} when it is in another region.
   */
  BucketOwnership findBucketOwnership(BillingStorage storage, String accountId);

  /**
   * {@code GetBucketEncryption}: the bucket's default encryption, or {@link BucketEncryption.Kind#NONE} when S3 answers
   * {@code ServerSideEncryptionConfigurationNotFoundError}. Throws {@link NoSuchEntityException} when there is no such
   * bucket and {@link AccessDeniedException} when these credentials may not read its configuration.
   */
  BucketEncryption findBucketEncryption(BillingStorage storage);

  /**
   * {@code HeadBucket} signed with another session's credentials instead of the caller's: what vector's own
   * credentials (e.g. those STS or EKS Auth gave for the billing role) may see of the bucket. The answers are those of
   * {@link #findBucket}; credentials S3 does not accept are {@link BucketStatus.Answer#FORBIDDEN}.
   */
  BucketStatus findBucketAs(SessionCredentials session, BillingStorage storage);
}
