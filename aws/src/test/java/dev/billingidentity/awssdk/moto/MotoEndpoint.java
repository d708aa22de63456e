package dev.billingidentity.awssdk.moto;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.testing.moto.MotoServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** One moto server per test class, and the SDK adapters (and a raw EKS client, to seed clusters) pointed at it. */
final class MotoEndpoint implements BeforeAllCallback, AfterAllCallback {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake"));
  private MotoServer moto;
  private AwsAdapters adapters;

  @Override
  public void beforeAll(ExtensionContext context) {
    moto = MotoServer.start();
    adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(moto.endpoint())
        .credentialsProvider(CREDENTIALS).build();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    adapters.close();
    moto.close();
  }

  AwsBackend backend() {
    return adapters.backend();
  }

  /** The endpoint moto answers on, for raw SDK clients. */
  URI endpoint() {
    return moto.endpoint();
  }

  /**
   * Creates a bucket in {@code region}, in moto's default account or (with {@code credentials} of another account,
   * see {@link #sessionIn}) in another one.
   */
  void givenBucket(String bucket, String region, AwsCredentialsProvider credentials) {
    try (S3Client s3 = s3(region, credentials)) {
      s3.createBucket(r -> {
        r.bucket(bucket);
        if (!region.equals("us-east-1")) {
          r.createBucketConfiguration(c -> c.locationConstraint(region));
        }
      });
    }
  }

  /** Sets a bucket's default encryption through moto's PutBucketEncryption. */
  void givenBucketEncryption(BucketEncryption encryption, String region) {
    ServerSideEncryptionByDefault.Builder byDefault = ServerSideEncryptionByDefault.builder().sseAlgorithm(
        switch (encryption.kind()) {
          case SSE_S3 -> ServerSideEncryption.AES256;
          case SSE_KMS -> ServerSideEncryption.AWS_KMS;
          case DSSE_KMS -> ServerSideEncryption.AWS_KMS_DSSE;
          case NONE -> throw new IllegalArgumentException("no configuration is not set with PutBucketEncryption");
        });
    encryption.kmsKeyId().ifPresent(byDefault::kmsMasterKeyID);
    try (S3Client s3 = s3(region, CREDENTIALS)) {
      s3.putBucketEncryption(r -> r.bucket(encryption.bucket()).serverSideEncryptionConfiguration(c -> c.rules(
          ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(byDefault.build())
              .bucketKeyEnabled(encryption.bucketKeyEnabled()).build())));
    }
  }

  /**
   * Credentials of a session of a role in {@code account}, from moto's STS {@code AssumeRole}: moto files what they
   * create under that account.
   */
  SessionCredentials sessionIn(String account) {
    try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
        .credentialsProvider(CREDENTIALS).build()) {
      Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/contract-session")
          .roleSessionName("contract")).credentials();
      return new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
  }

  /** A credentials provider for a session. */
  static AwsCredentialsProvider provider(SessionCredentials session) {
    return StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
        session.secretAccessKey(), session.sessionToken()));
  }

  /** moto's default account's credentials. */
  static AwsCredentialsProvider defaultCredentials() {
    return CREDENTIALS;
  }

  private S3Client s3(String region, AwsCredentialsProvider credentials) {
    return S3Client.builder().region(Region.of(region)).endpointOverride(moto.endpoint()).forcePathStyle(true)
        .credentialsProvider(credentials).build();
  }

  /** Creates an EKS cluster in moto (which gives it an OIDC issuer) and returns the issuer. */
  String givenCluster(String name) {
    try (EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
        .credentialsProvider(CREDENTIALS).build()) {
      eks.createCluster(CreateClusterRequest.builder().name(name)
          .roleArn("arn:aws:iam::123456789012:role/eks-cluster")
          .resourcesVpcConfig(v -> v.subnetIds(List.of("subnet-00000001", "subnet-00000002")))
          .build());
      return eks.describeCluster(r -> r.name(name)).cluster().identity().oidc().issuer();
    }
  }
}
