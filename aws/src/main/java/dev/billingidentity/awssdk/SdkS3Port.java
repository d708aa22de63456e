package dev.billingidentity.awssdk;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.BucketOwnership;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * {@link S3Port} over the SDK's {@link S3Client}: each call goes to S3 in the storage's region, through that region's
 * client. {@code HeadBucket} answers without a body, so its refusals are read from the status and
 * {@code x-amz-bucket-region}: {@code 301} is another region, {@code 403} forbidden, {@code 404} no such bucket. A
 * bucket that S3 (or an emulator) answers {@code 200} for from another region than its own is another region's too.
 */
final class SdkS3Port implements S3Port {
  private static final String SERVICE = "S3";
  private static final String HEAD_BUCKET = "HeadBucket";
  private static final String BUCKET_REGION = "x-amz-bucket-region";
  private static final String NO_CONFIGURATION = "ServerSideEncryptionConfigurationNotFoundError";

  private final Function<String, S3Client> clients;

  /** @param clients the S3 client for a region (e.g. {@code us-east-1}) */
  SdkS3Port(Function<String, S3Client> clients) {
    this.clients = clients;
  }

  @Override
  public BucketStatus findBucket(BillingStorage storage) {
    return head(storage, r -> r.bucket(storage.bucket()));
  }

  @Override
  public BucketOwnership findBucketOwnership(BillingStorage storage, String accountId) {
    BucketStatus status = head(storage, r -> r.bucket(storage.bucket()).expectedBucketOwner(accountId));
    return switch (status.answer()) {
      case FOUND -> new BucketOwnership(storage.bucket(), accountId, true);
      case FORBIDDEN -> new BucketOwnership(storage.bucket(), accountId, false);
      case NOT_FOUND -> throw new NoSuchEntityException(SERVICE, HEAD_BUCKET, "NoSuchBucket", 404,
          "The specified bucket does not exist: " + storage.bucket());
      case IN_ANOTHER_REGION -> throw new AwsServiceException(SERVICE, HEAD_BUCKET, "PermanentRedirect", 301,
          "bucket " + storage.bucket() + " is in " + status.region().orElseThrow() + ", not in " + storage.region());
    };
  }

  @Override
  public BucketEncryption findBucketEncryption(BillingStorage storage) {
    String bucket = storage.bucket();
    return AwsErrors.call(SERVICE, "GetBucketEncryption", () -> {
      try {
        GetBucketEncryptionResponse answer = clients.apply(storage.region())
            .getBucketEncryption(r -> r.bucket(bucket));
        return encryption(bucket, answer);
      } catch (S3Exception e) {
        if (e.awsErrorDetails() != null && NO_CONFIGURATION.equals(e.awsErrorDetails().errorCode())) {
          return BucketEncryption.none(bucket);
        }
        throw e;
      }
    });
  }

  @Override
  public BucketStatus findBucketAs(SessionCredentials session, BillingStorage storage) {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(
        session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
    return head(storage, r -> r.bucket(storage.bucket()).overrideConfiguration(o -> o.credentialsProvider(credentials)));
  }

  private BucketStatus head(BillingStorage storage, Consumer<HeadBucketRequest.Builder> request) {
    String bucket = storage.bucket();
    return AwsErrors.call(SERVICE, HEAD_BUCKET, () -> {
      try {
        HeadBucketResponse answer = clients.apply(storage.region()).headBucket(request);
        String region = answer.bucketRegion() != null ? answer.bucketRegion() : storage.region();
        return region.equals(storage.region())
            ? BucketStatus.found(bucket, region)
            : BucketStatus.inAnotherRegion(bucket, region);
      } catch (S3Exception e) {
        Optional<String> region = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
            ? Optional.empty()
            : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(BUCKET_REGION);
        switch (e.statusCode()) {
          case 301:
            if (region.isPresent()) {
              return BucketStatus.inAnotherRegion(bucket, region.get());
            }
            throw e;
          case 403:
            return BucketStatus.forbidden(bucket, region);
          case 404:
            return BucketStatus.notFound(bucket);
          default:
            throw e;
        }
      }
    });
  }

  private static BucketEncryption encryption(String bucket, GetBucketEncryptionResponse answer) {
    if (answer.serverSideEncryptionConfiguration() == null) {
      return BucketEncryption.none(bucket);
    }
    for (ServerSideEncryptionRule rule : answer.serverSideEncryptionConfiguration().rules()) {
      ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
      if (byDefault == null) {
        continue;
      }
      boolean bucketKey = Boolean.TRUE.equals(rule.bucketKeyEnabled());
      Optional<String> key = Optional.ofNullable(byDefault.kmsMasterKeyID()).filter(k -> !k.isEmpty());
      String algorithm = byDefault.sseAlgorithmAsString();
      switch (algorithm) {
        case "AES256":
          return BucketEncryption.sseS3(bucket);
        case "aws:kms":
          return new BucketEncryption(bucket, BucketEncryption.Kind.SSE_KMS, key, bucketKey);
        case "aws:kms:dsse":
          return new BucketEncryption(bucket, BucketEncryption.Kind.DSSE_KMS, key, bucketKey);
        default:
          throw new AwsServiceException(SERVICE, "GetBucketEncryption", "UnknownSSEAlgorithm", 200, "bucket " + bucket
              + " has default encryption " + algorithm + ", which this library does not know");
      }
    }
    return BucketEncryption.none(bucket);
  }
}
