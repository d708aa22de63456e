package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.testing.contract.S3PortContract;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 contract kit on the SDK adapter, over HTTP to the fake AWS server: path-style requests, each signed for the
 * region asked (so a bucket elsewhere answers 301 with {@code x-amz-bucket-region}), and the probe's session
 * credentials sent as S3 receives them.
 */
class SdkS3ContractTest extends S3PortContract {
  @RegisterExtension
  static final FakeAwsEndpoint aws = new FakeAwsEndpoint();

  @Override
  protected S3Port s3() {
    return aws.backend().s3();
  }

  @Override
  protected String account() {
    return aws.fake().account().id();
  }

  @Override
  protected void givenBucket(String bucket, String region) {
    aws.fake().s3().givenBucket(bucket, region);
  }

  @Override
  protected void givenBucketOfAnotherAccount(String bucket, String region) {
    aws.fake().s3().givenBucketOfAnotherAccount(bucket, region, OTHER_ACCOUNT);
  }

  @Override
  protected void givenBucketEncryption(BucketEncryption encryption) {
    aws.fake().s3().givenBucketEncryption(encryption);
  }

  @Override
  protected void givenBucketWithoutEncryptionConfiguration(String bucket, String region) {
    aws.fake().s3().givenBucket(bucket, region).givenNoEncryptionConfiguration(bucket);
  }

  @Override
  protected SessionCredentials givenSession() {
    // A role of the account that may list the kit's buckets, and a session of it: S3 judges the session by them.
    if (aws.fake().role("contract-reader").isEmpty()) {
      aws.fake().givenRole("contract-reader", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", Map.of());
      aws.fake().givenRolePolicy("contract-reader", "kit-reader", KIT_READER_POLICY);
    }
    return aws.fake().givenSession("contract-reader");
  }
}
