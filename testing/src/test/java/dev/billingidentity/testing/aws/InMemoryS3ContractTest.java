package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.testing.contract.S3PortContract;
import java.util.Map;

/** The {@link S3PortContract} kit, run on the in-memory fake. */
class InMemoryS3ContractTest extends S3PortContract {
  private final InMemoryAws aws = new InMemoryAws();

  @Override
  protected S3Port s3() {
    return aws.backend().s3();
  }

  @Override
  protected String account() {
    return aws.account().id();
  }

  @Override
  protected void givenBucket(String bucket, String region) {
    aws.s3().givenBucket(bucket, region);
  }

  @Override
  protected void givenBucketOfAnotherAccount(String bucket, String region) {
    aws.s3().givenBucketOfAnotherAccount(bucket, region, OTHER_ACCOUNT);
  }

  @Override
  protected void givenBucketEncryption(BucketEncryption encryption) {
    aws.s3().givenBucketEncryption(encryption);
  }

  @Override
  protected void givenBucketWithoutEncryptionConfiguration(String bucket, String region) {
    aws.s3().givenBucket(bucket, region).givenNoEncryptionConfiguration(bucket);
  }

  @Override
  protected SessionCredentials givenSession() {
    // A role of the account that may list the kit's buckets, and a session of it: S3 judges the session by them.
    if (aws.role("contract-reader").isEmpty()) {
      aws.givenRole("contract-reader", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", Map.of());
      aws.givenRolePolicy("contract-reader", "kit-reader", KIT_READER_POLICY);
    }
    return aws.givenSession("contract-reader");
  }
}
