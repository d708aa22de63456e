package dev.billingidentity.awssdk.moto;

import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.testing.contract.S3PortContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link S3PortContract} kit on the SDK adapter against moto 5.2.1, which models buckets in regions
 * ({@code HeadBucket}'s {@code x-amz-bucket-region}) and {@code Put/GetBucketEncryption}. Where moto answers otherwise than S3, the kit's test runs and must fail with S3's
 * behaviour named (see {@link KitOnMoto.Gap}), so the day moto models it this class says so:
 * <ul>
 *   <li>another account's bucket: moto lets every account read every bucket (S3: {@code 403} without a bucket
 *       policy);</li>
 *   <li>{@code ExpectedBucketOwner}: moto ignores it (S3: {@code 403} when another account owns the bucket);</li>
 *   <li>default encryption: a new bucket has no configuration in moto (S3: SSE-S3 since January 2023);</li>
 *   <li>credentials: moto accepts any (S3: {@code 403 InvalidAccessKeyId}).</li>
 * </ul>
 * moto answers {@code 200} with the bucket's region where S3 answers {@code 301}; the adapter reads both as another
 * region, so that test passes here. The gaps are tested over HTTP on the fake AWS server ({@code SdkS3ContractTest}).
 */
class MotoS3ContractTest {
  private static final String OTHER_ACCOUNT = "111122223333";

  @RegisterExtension
  static final MotoEndpoint moto = new MotoEndpoint();

  @TestFactory
  List<DynamicTest> theKitOnMoto() {
    S3PortContract kit = new S3PortContract() {
      @Override
      protected S3Port s3() {
        return moto.backend().s3();
      }

      @Override
      protected String account() {
        return "123456789012";
      }

      @Override
      protected void givenBucket(String bucket, String region) {
        moto.givenBucket(bucket, region, MotoEndpoint.defaultCredentials());
        // moto keeps no default encryption; S3 gives every new bucket SSE-S3. The kit's default test reads moto bare.
      }

      @Override
      protected void givenBucketOfAnotherAccount(String bucket, String region) {
        moto.givenBucket(bucket, region, MotoEndpoint.provider(moto.sessionIn(OTHER_ACCOUNT)));
      }

      @Override
      protected void givenBucketEncryption(BucketEncryption encryption) {
        moto.givenBucketEncryption(encryption, HOME);
      }

      @Override
      protected void givenBucketWithoutEncryptionConfiguration(String bucket, String region) {
        moto.givenBucket(bucket, region, MotoEndpoint.defaultCredentials());
      }

      @Override
      protected SessionCredentials givenSession() {
        return moto.sessionIn(account());
      }
    };
    return KitOnMoto.testsWithGaps(kit, Set.of(
            "aBucketInTheRegionAskedIsFoundWithItsRegion", "aBucketInAnotherRegionIsReportedWithItsRegion",
            "aMissingBucketIsNotFound", "theAccountOwnsItsOwnBucket",
            "theOwnershipOfAMissingBucketIsNoSuchEntity", "sseS3IsReadAsSet",
            "sseKmsWithACustomerKeyNamesTheKeyAndTheBucketKey", "sseKmsWithoutAKeyUsesTheAwsManagedKey",
            "dsseKmsIsReadAsDualLayerWithItsKey", "aBucketWithoutAnEncryptionConfigurationHasNone",
            "theEncryptionOfAMissingBucketIsNoSuchEntity", "aSessionSeesTheBucketAsTheCallerDoes"),
        Map.of(
            "anotherAccountsBucketIsForbidden", new KitOnMoto.Gap(
                "moto lets every account read every bucket", S3PortContract.ANOTHER_ACCOUNTS_BUCKET),
            "noOtherAccountOwnsTheAccountsBucket", new KitOnMoto.Gap(
                "moto ignores ExpectedBucketOwner", S3PortContract.OTHER_EXPECTED_OWNER),
            "anotherAccountsBucketIsNotOwnedByThisAccount", new KitOnMoto.Gap(
                "moto ignores ExpectedBucketOwner across accounts", S3PortContract.ANOTHER_ACCOUNTS_BUCKET),
            "aNewBucketIsEncryptedWithSseS3", new KitOnMoto.Gap(
                "moto gives a new bucket no default encryption", S3PortContract.DEFAULT_ENCRYPTION),
            "credentialsS3NeverIssuedAreForbidden", new KitOnMoto.Gap(
                "moto accepts any credentials", S3PortContract.UNKNOWN_CREDENTIALS)));
  }
}
