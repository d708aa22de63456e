package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.bucket.BucketUnusableException;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Promise: healthy means vector can write to the billing bucket. Every plan checks the bucket before its first
 * write: a missing bucket, or one in another region than the configured one, blocks it, naming the bucket, both
 * regions and the fix; an SSE-KMS bucket with a customer key gets exactly that key's use, through S3 only. Both modes,
 * in memory and over the real SDK adapters against the fake AWS server ({@code MotoBillingBucketTest} for moto).
 */
class BillingBucketTest {
  static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");

  enum Mode {
    IRSA(storage -> BillingIdentity.irsa(IrsaSettings.builder().cluster(FakeSpace.CLUSTER)
        .role(IamRole.named("spaces-billing")).storage(storage).build())),
    POD_IDENTITY(storage -> BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER)
        .role(IamRole.named("spaces-billing")).storage(storage).build()));

    final Function<BillingStorage, BillingIdentity> identity;

    Mode(Function<BillingStorage, BillingIdentity> identity) {
      this.identity = identity;
    }
  }

  /** Where the ports go: straight to the in-memory fakes, or through the SDK adapters over HTTP to the fake server. */
  enum Peer {
    IN_MEMORY, FAKE_SERVER
  }

  private FakeAwsServer server;
  private AwsAdapters adapters;

  @AfterEach
  void stop() {
    if (adapters != null) {
      adapters.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static Stream<Arguments> peersAndModes() {
    return Stream.of(Peer.values()).flatMap(p -> Stream.of(Mode.values()).map(m -> Arguments.of(p, m)));
  }

  private BillingIdentity identity(Peer peer, Mode mode, FakeSpace space, BillingStorage storage) {
    AwsBackend backend = space.aws().backend();
    if (peer == Peer.FAKE_SERVER) {
      server = FakeAwsServer.start(space.aws());
      adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
          .build();
      backend = adapters.backend();
    }
    return mode.identity.apply(storage).using(backend, space.cluster()).withRetry(Retry.withoutDelay(3))
        .forControlPlanes(ControlPlanes.discovered());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void aBucketInAnotherRegionBlocksThePlanBeforeAnyWriteNamingBothRegions(Peer peer, Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(2).bucket("acme-billing", "eu-west-1").build();
    BillingIdentity identity = identity(peer, mode, space, STORAGE);

    Plan plan = identity.plan();

    assertThat(plan.blocker()).get().isInstanceOf(BucketUnusableException.class)
        .satisfies(b -> assertThat(b.getMessage()).contains("acme-billing", "eu-west-1", "us-east-1",
            "--region eu-west-1"));
    assertThatThrownBy(identity::apply).isInstanceOf(BucketUnusableException.class)
        .satisfies(e -> assertThat(((BucketUnusableException) e).actualRegion()).contains("eu-west-1"));
    assertThat(space.aws().calls().writes()).as("writes after a blocked plan").isZero();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void aMissingBucketBlocksThePlanBeforeAnyWrite(Peer peer, Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(2).noBucket().build();
    BillingIdentity identity = identity(peer, mode, space, STORAGE);

    assertThatThrownBy(identity::apply).isInstanceOf(BucketUnusableException.class)
        .hasMessageContaining("acme-billing does not exist").hasMessageContaining("us-east-1")
        .hasMessageContaining("aws s3api create-bucket --bucket acme-billing --region us-east-1");
    assertThat(space.aws().calls().writes()).isZero();
    assertThat(space.aws().role("spaces-billing")).isEmpty();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void anSseKmsBucketsRoleMayUseExactlyItsKeyThroughS3Only(Peer peer, Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    space.aws().s3().givenBucketEncryption(BucketEncryption.sseKms("acme-billing", Optional.of(KEY), true));
    BillingIdentity identity = identity(peer, mode, space, STORAGE);

    identity.apply();

    PolicyDocument policy = PolicyDocument.parse(space.aws().rolePolicies("spaces-billing").get("billing-identity-s3"));
    assertThat(policy.isEquivalentTo(BillingPolicies.s3Access(STORAGE, Optional.of(KEY)))).isTrue();
    Statement key = kmsStatement(policy);
    assertThat(values(key, "Action")).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
    assertThat(values(key, "Resource")).containsExactly(KEY);
    assertThat(key.conditionValues("StringEquals", "kms:ViaService")).containsExactly("s3.us-east-1.amazonaws.com");
    assertThat(identity.plan().isEmpty()).as("a second plan").isTrue();
    assertThat(bucketFindings(identity.verify())).allMatch(Finding::isOk);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void theAccountsOwnBucketIsCheckedWithOneHeadBucketAndAnotherAccountsWithTwo(Peer peer, Mode mode) {
    FakeSpace own = FakeSpace.withControlPlanes(1).build();
    identity(peer, mode, own, STORAGE).plan();
    assertThat(own.aws().calls().count("HeadBucket")).as("the account's own bucket").isEqualTo(1);
    assertThat(own.aws().calls().count("GetBucketEncryption")).isEqualTo(1);
    stop();

    FakeSpace foreign = FakeSpace.withControlPlanes(1).noBucket().build();
    foreign.aws().s3().givenBucketOfAnotherAccount("acme-billing", "us-east-1", "111122223333");
    Plan plan = identity(peer, mode, foreign, STORAGE).plan();
    // The 403 of HeadBucket with the expected owner is told apart by the plain one: found, so another account's.
    assertThat(foreign.aws().calls().count("HeadBucket")).as("another account's bucket").isEqualTo(2);
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("another account"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sseS3AndTheAwsManagedKeyNeedNoKeyStatement(Mode mode) {
    for (BucketEncryption encryption : List.of(BucketEncryption.sseS3("acme-billing"),
        BucketEncryption.sseKms("acme-billing", Optional.empty(), false),
        BucketEncryption.sseKms("acme-billing", Optional.of("alias/aws/s3"), true))) {
      FakeSpace space = FakeSpace.withControlPlanes(1).build();
      space.aws().s3().givenBucketEncryption(encryption);

      identity(Peer.IN_MEMORY, mode, space, STORAGE).apply();

      assertThat(PolicyDocument.parse(space.aws().rolePolicies("spaces-billing").get("billing-identity-s3"))
          .isEquivalentTo(BillingPolicies.s3Access(STORAGE))).as(encryption.toString()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBucketThatTurnsToSseKmsIsFoundByVerifyAndRepairedByApply(Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    identity(Peer.IN_MEMORY, mode, space, STORAGE).apply();
    space.aws().s3().givenBucketEncryption(BucketEncryption.sseKms("acme-billing", Optional.of(KEY), false));

    VerificationReport report = identity(Peer.IN_MEMORY, mode, space, STORAGE).verify();

    assertThat(report.about("s3-policy")).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo(FindingState.DRIFTED));
    assertThat(report.isHealthy()).isFalse();
    assertThat(identity(Peer.IN_MEMORY, mode, space, STORAGE).apply().applied()).extracting(c -> c.kind())
        .containsExactly("PutRolePolicy");
    assertThat(kmsStatement(PolicyDocument.parse(space.aws().rolePolicies("spaces-billing")
        .get("billing-identity-s3")))).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void verifyIsNeverHealthyForAMissingBucketOrOneItCannotRead(Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    identity(Peer.IN_MEMORY, mode, space, STORAGE).apply();

    space.aws().s3().deleteBucket("acme-billing");
    VerificationReport missing = identity(Peer.IN_MEMORY, mode, space, STORAGE).verify();
    space.aws().s3().givenBucketOfAnotherAccount("acme-billing", "us-east-1", "111122223333");
    VerificationReport foreign = identity(Peer.IN_MEMORY, mode, space, STORAGE).verify();

    assertThat(missing.isHealthy()).isFalse();
    assertThat(bucketFindings(missing)).extracting(Finding::state).containsExactly(FindingState.MISSING);
    assertThat(foreign.isHealthy()).isFalse();
    assertThat(bucketFindings(foreign)).singleElement().satisfies(f -> {
      assertThat(f.state()).isEqualTo(FindingState.UNKNOWN);
      assertThat(f.detail()).contains("another account");
      assertThat(f.remedy()).contains("bucket policy", "arn:aws:iam::123456789012:role/spaces-billing",
          "s3:PutObject");
    });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBucketOfAnotherAccountIsANoteOfWhatItsOwnerMustAllowNotABlocker(Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(1).noBucket().build();
    space.aws().s3().givenBucketOfAnotherAccount("acme-billing", "us-east-1", "111122223333");

    Plan plan = identity(Peer.IN_MEMORY, mode, space, STORAGE).plan();

    assertThat(plan.blocker()).isEmpty();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("403", "another account", "bucket policy",
        "s3:ListBucket on arn:aws:s3:::acme-billing"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aKeyGivenByAliasIsUnknownNotOk(Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    space.aws().s3().givenBucketEncryption(BucketEncryption.sseKms("acme-billing", Optional.of("alias/billing"),
        true));
    BillingIdentity identity = identity(Peer.IN_MEMORY, mode, space, STORAGE);
    identity.apply();

    VerificationReport report = identity.verify();

    assertThat(report.isHealthy()).isFalse();
    assertThat(bucketFindings(report)).filteredOn(f -> f.check().equals("encryption")).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo(FindingState.UNKNOWN))
        .satisfies(f -> assertThat(f.detail()).contains("alias/billing"));
  }

  static List<Finding> bucketFindings(VerificationReport report) {
    return report.findings().stream().filter(f -> f.subject().equals(BucketPreflight.SUBJECT))
        .filter(f -> !f.isOk() || f.check().equals("encryption") || f.check().equals("region")).toList();
  }

  static Statement kmsStatement(PolicyDocument policy) {
    return policy.statements().stream().filter(s -> values(s, "Action").contains("kms:Decrypt")).findFirst()
        .orElse(null);
  }

  static List<String> values(Statement s, String element) {
    return s.element(element).map(a -> a.isArray()
        ? java.util.stream.StreamSupport.stream(a.spliterator(), false).map(v -> v.asText()).toList()
        : List.of(a.asText())).orElse(List.of());
  }
}
