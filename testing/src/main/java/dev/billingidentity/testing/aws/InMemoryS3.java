package dev.billingidentity.testing.aws;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.BucketOwnership;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.testing.aws.iam.Decision;
import dev.billingidentity.testing.aws.iam.PermissionPolicyEvaluator;
import dev.billingidentity.testing.aws.iam.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * S3 of one {@link InMemoryAws} account, as far as the billing bucket goes: buckets with a region, an owner account and
 * a default encryption, answering {@code HeadBucket} and {@code GetBucketEncryption} as S3 does. It shares the
 * account's identity, call log and faults ({@link InMemoryAws#s3()}), so a test sees every call in one place:
 *
 * <ul>
 *   <li>a bucket asked of S3 in another region than its own answers {@code 301 PermanentRedirect} with its region
 *       ({@link BucketStatus.Answer#IN_ANOTHER_REGION}; {@code GetBucketEncryption} fails with that error);</li>
 *   <li>another account's bucket answers {@code 403} to {@code HeadBucket}, with its region, and
 *       {@code AccessDenied} to {@code GetBucketEncryption} (no bucket policy is modelled); {@code HeadBucket} with an
 *       {@code ExpectedBucketOwner} other than the owner answers {@code 403};</li>
 *   <li>a missing bucket answers {@code 404} ({@code NoSuchBucket});</li>
 *   <li>a new bucket is encrypted with SSE-S3, S3's default since January 2023; older buckets (and other S3s) may have
 *       no configuration ({@link #givenNoEncryptionConfiguration(String)}).</li>
 * </ul>
 *
 * <p>The probe ({@link #findBucketAs}) accepts the live sessions the account's STS and EKS Auth issued (or
 * {@link InMemoryAws#givenSession}) and refuses any other credentials with {@code 403 InvalidAccessKeyId}; like the
 * fake AWS server, it checks no signature (so it compares the access key id and the session token, not the secret).
 * A session may see a bucket only when its role's inline policies allow {@code s3:ListBucket} on the bucket's ARN, as
 * IAM evaluates them ({@link PermissionPolicyEvaluator}; no managed policy, boundary or bucket policy is modelled);
 * else {@code 403}, as S3 answers a {@code HeadBucket} it refuses.
 *
 * <pre>{@code
 * InMemoryAws aws = new InMemoryAws();
 * aws.s3().givenBucket("acme-billing", "us-east-1")
 *     .givenBucketEncryption(BucketEncryption.sseKms("acme-billing", Optional.of(keyArn), true));
 * }</pre>
 */
public final class InMemoryS3 implements S3Port {
  private static final String HEAD_BUCKET = "HeadBucket";
  private static final String GET_BUCKET_ENCRYPTION = "GetBucketEncryption";

  private final InMemoryAws account;
  private final Map<String, FakeBucket> buckets = new TreeMap<>();

  /** A bucket, whose owner and encryption the seeding methods set. */
  private static final class FakeBucket {
    final String name;
    final String region;
    final String ownerAccountId;
    BucketEncryption encryption;

    FakeBucket(String name, String region, String ownerAccountId) {
      this.name = name;
      this.region = region;
      this.ownerAccountId = ownerAccountId;
      this.encryption = BucketEncryption.sseS3(name);
    }
  }

  InMemoryS3(InMemoryAws account) {
    this.account = Objects.requireNonNull(account, "account");
  }

  // ---------------------------------------------------------------- seeding (no call is logged)

  /** Creates (or replaces) a bucket of the account in {@code region}, encrypted with SSE-S3 as S3 does by default. */
  public synchronized InMemoryS3 givenBucket(String name, String region) {
    buckets.put(name, new FakeBucket(name, region, account.account().id()));
    return this;
  }

  /**
   * Creates (or replaces) a bucket of another account, with no bucket policy for this one: S3 refuses to describe
   * it to this account ({@code 403}).
   */
  public synchronized InMemoryS3 givenBucketOfAnotherAccount(String name, String region, String ownerAccountId) {
    if (ownerAccountId.equals(account.account().id())) {
      throw new IllegalArgumentException("account " + ownerAccountId + " is this fake's own: givenBucket(...)");
    }
    buckets.put(name, new FakeBucket(name, region, ownerAccountId));
    return this;
  }

  /** Sets a bucket's default encryption, as {@code PutBucketEncryption} does. */
  public synchronized InMemoryS3 givenBucketEncryption(BucketEncryption encryption) {
    seeded(encryption.bucket()).encryption = encryption;
    return this;
  }

  /** Removes a bucket's default encryption configuration, as S3 held none before 2023. */
  public synchronized InMemoryS3 givenNoEncryptionConfiguration(String name) {
    seeded(name).encryption = BucketEncryption.none(name);
    return this;
  }

  /** Deletes a bucket, as someone else would. */
  public synchronized InMemoryS3 deleteBucket(String name) {
    buckets.remove(name);
    return this;
  }

  // ---------------------------------------------------------------- inspection (no call is logged)

  /** A bucket's region, or empty when there is no such bucket. */
  public synchronized Optional<String> bucketRegion(String name) {
    return Optional.ofNullable(buckets.get(name)).map(b -> b.region);
  }

  // ---------------------------------------------------------------- S3Port

  @Override
  public BucketStatus findBucket(BillingStorage storage) {
    account.enter(HEAD_BUCKET, false);
    return head(storage);
  }

  @Override
  public BucketOwnership findBucketOwnership(BillingStorage storage, String accountId) {
    account.enter(HEAD_BUCKET, false);
    synchronized (this) {
      FakeBucket b = reachable(storage, HEAD_BUCKET);
      // S3 answers 403 to a wrong ExpectedBucketOwner, and to a bucket the caller may not read at all.
      boolean owned = b.ownerAccountId.equals(accountId) && b.ownerAccountId.equals(account.account().id());
      return new BucketOwnership(b.name, accountId, owned);
    }
  }

  @Override
  public BucketEncryption findBucketEncryption(BillingStorage storage) {
    account.enter(GET_BUCKET_ENCRYPTION, false);
    synchronized (this) {
      FakeBucket b = reachable(storage, GET_BUCKET_ENCRYPTION);
      if (!b.ownerAccountId.equals(account.account().id())) {
        throw AwsErrors.s3AccessDenied(GET_BUCKET_ENCRYPTION);
      }
      return b.encryption;
    }
  }

  @Override
  public BucketStatus findBucketAs(SessionCredentials session, BillingStorage storage) {
    account.enter(HEAD_BUCKET, false);
    Optional<String> role = account.sessionRole(session);
    if (role.isEmpty()) {
      // S3 answers InvalidAccessKeyId (403) to credentials it never issued; a HEAD answer carries no body.
      return BucketStatus.forbidden(storage.bucket(), Optional.empty());
    }
    BucketStatus status = head(storage);
    if (!status.exists() || status.answer() != BucketStatus.Answer.FOUND) {
      return status;
    }
    String bucketArn = "arn:" + account.account().partition().id() + ":s3:::" + storage.bucket();
    Decision decision = PermissionPolicyEvaluator.evaluate(List.copyOf(account.rolePolicies(role.get()).values()),
        "s3:ListBucket", bucketArn, RequestContext.empty());
    return decision.allowed() ? status : BucketStatus.forbidden(storage.bucket(), Optional.of(storage.region()));
  }

  private synchronized BucketStatus head(BillingStorage storage) {
    FakeBucket b = buckets.get(storage.bucket());
    if (b == null) {
      return BucketStatus.notFound(storage.bucket());
    }
    if (!b.region.equals(storage.region())) {
      return BucketStatus.inAnotherRegion(b.name, b.region);
    }
    if (!b.ownerAccountId.equals(account.account().id())) {
      return BucketStatus.forbidden(b.name, Optional.of(b.region));
    }
    return BucketStatus.found(b.name, b.region);
  }

  /** The bucket, when it exists and is in the region asked; else S3's error for a call that has a body. */
  private FakeBucket reachable(BillingStorage storage, String op) {
    FakeBucket b = buckets.get(storage.bucket());
    if (b == null) {
      throw AwsErrors.noSuchBucket(op, storage.bucket());
    }
    if (!b.region.equals(storage.region())) {
      throw AwsErrors.permanentRedirect(op, b.region);
    }
    return b;
  }

  private FakeBucket seeded(String name) {
    FakeBucket b = buckets.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no bucket " + name + " to seed: givenBucket(...) first");
    }
    return b;
  }

  @Override
  public synchronized String toString() {
    return "InMemoryS3[account " + account.account().id() + ", buckets " + buckets.keySet() + "]";
  }
}
