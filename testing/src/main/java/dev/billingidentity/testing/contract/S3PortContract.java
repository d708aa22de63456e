package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.BucketOwnership;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link S3Port} must do, as S3 does it, for the billing bucket: {@code HeadBucket}'s answers (found with
 * its region, another region's {@code 301} with {@code x-amz-bucket-region}, {@code 403} for another account's bucket,
 * {@code 404}), {@code ExpectedBucketOwner}, and {@code GetBucketEncryption}'s kinds (SSE-S3, SSE-KMS with the AWS
 * managed key or a customer key and S3 Bucket Keys, DSSE-KMS, no configuration). Extend it with the port under test:
 * the in-memory fake, the SDK adapter against the fake AWS server, or the SDK adapter against moto.
 *
 * <p>Assertions where moto 5.2.1 answers otherwise than S3 carry a description naming S3's behaviour, which the moto
 * run expects in the failure (see its test). Tests use bucket names of their own, so the kit may share one backend.
 */
public abstract class S3PortContract {
  /** The region the kit's buckets live in unless a test says otherwise. */
  protected static final String HOME = "us-east-1";
  /** Another region, for buckets that are elsewhere. */
  protected static final String ELSEWHERE = "eu-west-1";
  /** The account of {@link #givenBucketOfAnotherAccount}. */
  protected static final String OTHER_ACCOUNT = "111122223333";
  /** A customer managed key, as its ARN. */
  protected static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** What S3 refuses another account's bucket without a bucket policy (moto lets every account read every bucket). */
  public static final String ANOTHER_ACCOUNTS_BUCKET = "another account's bucket, without a bucket policy for us";
  /** What S3 answers a wrong {@code ExpectedBucketOwner} (moto ignores it). */
  public static final String OTHER_EXPECTED_OWNER = "HeadBucket with the ExpectedBucketOwner of another account";
  /** What S3 does by default (moto keeps no configuration). */
  public static final String DEFAULT_ENCRYPTION = "S3's default encryption since January 2023";
  /** What S3 answers credentials it never issued (moto accepts any). */
  public static final String UNKNOWN_CREDENTIALS = "credentials S3 never issued";

  /**
   * An inline policy that lets a role see every bucket of the kit ({@code s3:ListBucket} on {@code contract-*}): what
   * {@link #givenSession()}'s role needs where S3 judges a session by its role's policies.
   */
  public static final String KIT_READER_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::contract-*\"}]}";

  /** The port under test; may be called many times per test. */
  protected abstract S3Port s3();

  /** The account of the port's credentials. */
  protected abstract String account();

  /** Creates a bucket of {@link #account()} in {@code region}, with the backend's default encryption. */
  protected abstract void givenBucket(String bucket, String region);

  /** Creates a bucket of {@link #OTHER_ACCOUNT} in {@code region}, with no bucket policy. */
  protected abstract void givenBucketOfAnotherAccount(String bucket, String region);

  /** Sets a bucket's default encryption ({@code PutBucketEncryption}). */
  protected abstract void givenBucketEncryption(BucketEncryption encryption);

  /** Makes a bucket of {@link #account()} in {@code region} with no default encryption configuration. */
  protected abstract void givenBucketWithoutEncryptionConfiguration(String bucket, String region);

  /** Session credentials the backend issued (for a role of {@link #account()} that may read the kit's buckets). */
  protected abstract SessionCredentials givenSession();

  /** A bucket name no other test uses. */
  protected static String uniqueBucket() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 13);
  }

  private static BillingStorage in(String region, String bucket) {
    return BillingStorage.s3(region, bucket);
  }

  @Test
  void aBucketInTheRegionAskedIsFoundWithItsRegion() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);

    BucketStatus status = s3().findBucket(in(HOME, bucket));

    assertThat(status).isEqualTo(BucketStatus.found(bucket, HOME));
    assertThat(status.exists()).isTrue();
  }

  @Test
  void aBucketInAnotherRegionIsReportedWithItsRegion() {
    String bucket = uniqueBucket();
    givenBucket(bucket, ELSEWHERE);

    assertThat(s3().findBucket(in(HOME, bucket))).isEqualTo(BucketStatus.inAnotherRegion(bucket, ELSEWHERE));
    assertThat(s3().findBucket(in(ELSEWHERE, bucket))).isEqualTo(BucketStatus.found(bucket, ELSEWHERE));
  }

  @Test
  void aMissingBucketIsNotFound() {
    String bucket = uniqueBucket();

    assertThat(s3().findBucket(in(HOME, bucket))).isEqualTo(BucketStatus.notFound(bucket));
    assertThat(s3().findBucket(in(ELSEWHERE, bucket)).exists()).isFalse();
  }

  @Test
  void anotherAccountsBucketIsForbidden() {
    String bucket = uniqueBucket();
    givenBucketOfAnotherAccount(bucket, HOME);

    BucketStatus status = s3().findBucket(in(HOME, bucket));

    assertThat(status.answer()).as(ANOTHER_ACCOUNTS_BUCKET).isEqualTo(BucketStatus.Answer.FORBIDDEN);
    assertThat(status.exists()).isTrue();
    status.region().ifPresent(region -> assertThat(region).isEqualTo(HOME));
  }

  @Test
  void theAccountOwnsItsOwnBucket() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);

    assertThat(s3().findBucketOwnership(in(HOME, bucket), account()))
        .isEqualTo(new BucketOwnership(bucket, account(), true));
  }

  @Test
  void noOtherAccountOwnsTheAccountsBucket() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);

    assertThat(s3().findBucketOwnership(in(HOME, bucket), OTHER_ACCOUNT).owned()).as(OTHER_EXPECTED_OWNER).isFalse();
  }

  @Test
  void anotherAccountsBucketIsNotOwnedByThisAccount() {
    String bucket = uniqueBucket();
    givenBucketOfAnotherAccount(bucket, HOME);

    assertThat(s3().findBucketOwnership(in(HOME, bucket), account()).owned()).as(ANOTHER_ACCOUNTS_BUCKET).isFalse();
  }

  @Test
  void theOwnershipOfAMissingBucketIsNoSuchEntity() {
    assertThatThrownBy(() -> s3().findBucketOwnership(in(HOME, uniqueBucket()), account()))
        .isInstanceOf(NoSuchEntityException.class)
        .satisfies(e -> assertThat(((NoSuchEntityException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void aNewBucketIsEncryptedWithSseS3() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);

    BucketEncryption encryption = s3().findBucketEncryption(in(HOME, bucket));

    assertThat(encryption.kind()).as(DEFAULT_ENCRYPTION).isEqualTo(BucketEncryption.Kind.SSE_S3);
    assertThat(encryption.usesKms()).isFalse();
  }

  @Test
  void sseS3IsReadAsSet() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);
    givenBucketEncryption(BucketEncryption.sseS3(bucket));

    assertThat(s3().findBucketEncryption(in(HOME, bucket))).isEqualTo(BucketEncryption.sseS3(bucket));
  }

  @Test
  void sseKmsWithACustomerKeyNamesTheKeyAndTheBucketKey() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);
    givenBucketEncryption(BucketEncryption.sseKms(bucket, Optional.of(KEY_ARN), true));

    BucketEncryption encryption = s3().findBucketEncryption(in(HOME, bucket));

    assertThat(encryption).isEqualTo(BucketEncryption.sseKms(bucket, Optional.of(KEY_ARN), true));
    assertThat(encryption.usesAwsManagedKey()).isFalse();
  }

  @Test
  void sseKmsWithoutAKeyUsesTheAwsManagedKey() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);
    givenBucketEncryption(BucketEncryption.sseKms(bucket, Optional.empty(), false));

    BucketEncryption encryption = s3().findBucketEncryption(in(HOME, bucket));

    assertThat(encryption.kind()).isEqualTo(BucketEncryption.Kind.SSE_KMS);
    assertThat(encryption.usesAwsManagedKey()).isTrue();
    assertThat(encryption.bucketKeyEnabled()).isFalse();
  }

  @Test
  void dsseKmsIsReadAsDualLayerWithItsKey() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);
    BucketEncryption dsse = new BucketEncryption(bucket, BucketEncryption.Kind.DSSE_KMS, Optional.of(KEY_ARN), false);
    givenBucketEncryption(dsse);

    assertThat(s3().findBucketEncryption(in(HOME, bucket))).isEqualTo(dsse);
  }

  @Test
  void aBucketWithoutAnEncryptionConfigurationHasNone() {
    String bucket = uniqueBucket();
    givenBucketWithoutEncryptionConfiguration(bucket, HOME);

    assertThat(s3().findBucketEncryption(in(HOME, bucket))).isEqualTo(BucketEncryption.none(bucket));
  }

  @Test
  void theEncryptionOfAMissingBucketIsNoSuchEntity() {
    assertThatThrownBy(() -> s3().findBucketEncryption(in(HOME, uniqueBucket())))
        .isInstanceOf(NoSuchEntityException.class)
        .satisfies(e -> assertThat(((NoSuchEntityException) e).errorCode()).isEqualTo("NoSuchBucket"))
        .satisfies(e -> assertThat(((NoSuchEntityException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void aSessionSeesTheBucketAsTheCallerDoes() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);
    SessionCredentials session = givenSession();

    assertThat(s3().findBucketAs(session, in(HOME, bucket))).isEqualTo(BucketStatus.found(bucket, HOME));
    assertThat(s3().findBucketAs(session, in(HOME, uniqueBucket())).exists()).isFalse();
  }

  @Test
  void credentialsS3NeverIssuedAreForbidden() {
    String bucket = uniqueBucket();
    givenBucket(bucket, HOME);
    SessionCredentials forged = new SessionCredentials("ASIAFORGEDFORGED0000", "not-a-secret", "not-a-token");

    assertThat(s3().findBucketAs(forged, in(HOME, bucket)).answer()).as(UNKNOWN_CREDENTIALS)
        .isEqualTo(BucketStatus.Answer.FORBIDDEN);
  }
}
