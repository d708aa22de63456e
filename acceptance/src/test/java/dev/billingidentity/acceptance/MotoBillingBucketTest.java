package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.bucket.BucketUnusableException;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.moto.MotoServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The bucket preflight over the real SDK adapters with moto as AWS (an independent emulator): a plan refuses a
 * bucket in another region and a missing bucket before any write, naming the bucket and both regions, and an SSE-KMS
 * bucket's role gets exactly its key. IRSA only: moto has no Pod Identity. The Space's cluster side is in memory.
 */
class MotoBillingBucketTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake"));
  private static MotoServer moto;
  private static AwsAdapters aws;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    aws = AwsAdapters.builder().region("us-east-1").endpointOverride(moto.endpoint()).credentialsProvider(CREDENTIALS)
        .build();
    try (EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
        .credentialsProvider(CREDENTIALS).build()) {
      eks.createCluster(r -> r.name(FakeSpace.CLUSTER).roleArn("arn:aws:iam::123456789012:role/eks-cluster")
          .resourcesVpcConfig(v -> v.subnetIds(List.of("subnet-00000001", "subnet-00000002"))));
    }
  }

  @AfterAll
  static void stopMoto() {
    aws.close();
    moto.close();
  }

  private static S3Client s3(String region) {
    return S3Client.builder().region(Region.of(region)).endpointOverride(moto.endpoint()).forcePathStyle(true)
        .credentialsProvider(CREDENTIALS).build();
  }

  private static BillingIdentity irsa(String bucket, String role) {
    return BillingIdentity.irsa(IrsaSettings.builder().cluster(FakeSpace.CLUSTER).role(IamRole.named(role))
            .storage(BillingStorage.s3("us-east-1", bucket)).build())
        .using(aws.backend(), FakeSpace.withControlPlanes(2).build().cluster())
        .forControlPlanes(ControlPlanes.discovered());
  }

  @Test
  void aBucketInAnotherRegionIsRefusedBeforeAnyWriteNamingBothRegions() {
    try (S3Client s3 = s3("eu-west-1")) {
      s3.createBucket(r -> r.bucket("euro-billing").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    }
    BillingIdentity identity = irsa("euro-billing", "euro-billing-role");

    Plan plan = identity.plan();

    assertThat(plan.blocker()).get().isInstanceOf(BucketUnusableException.class)
        .satisfies(b -> assertThat(b.getMessage()).contains("euro-billing", "eu-west-1", "us-east-1"));
    assertThatThrownBy(identity::apply).isInstanceOf(BucketUnusableException.class);
    assertThat(aws.backend().iam().findRole("euro-billing-role")).as("no role was created").isEmpty();
  }

  @Test
  void aMissingBucketIsRefusedBeforeAnyWrite() {
    BillingIdentity identity = irsa("no-such-billing", "missing-billing-role");

    assertThatThrownBy(identity::apply).isInstanceOf(BucketUnusableException.class)
        .hasMessageContaining("no-such-billing does not exist").hasMessageContaining("us-east-1");
    assertThat(aws.backend().iam().findRole("missing-billing-role")).isEmpty();
  }

  @Test
  void anSseKmsBucketsRoleMayUseExactlyItsKey() {
    String key = BillingBucketTest.KEY;
    try (S3Client s3 = s3("us-east-1")) {
      s3.createBucket(r -> r.bucket("kms-billing"));
      s3.putBucketEncryption(r -> r.bucket("kms-billing").serverSideEncryptionConfiguration(c -> c.rules(
          rule -> rule.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
              .kmsMasterKeyID(key)).bucketKeyEnabled(true))));
    }
    BillingIdentity identity = irsa("kms-billing", "kms-billing-role");

    identity.apply();

    PolicyDocument policy = PolicyDocument.parse(aws.backend().iam().findRolePolicy("kms-billing-role",
        "billing-identity-s3").orElseThrow());
    BillingStorage storage = BillingStorage.s3("us-east-1", "kms-billing");
    assertThat(policy.isEquivalentTo(BillingPolicies.s3Access(storage, Optional.of(key)))).isTrue();
    Statement kms = BillingBucketTest.kmsStatement(policy);
    assertThat(BillingBucketTest.values(kms, "Action")).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
    assertThat(BillingBucketTest.values(kms, "Resource")).containsExactly(key);
    assertThat(kms.conditionValues("StringEquals", "kms:ViaService")).containsExactly("s3.us-east-1.amazonaws.com");
    assertThat(identity.plan().isEmpty()).as("a second plan against moto").isTrue();
  }
}
