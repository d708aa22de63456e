package dev.billingidentity.bucket;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the billing bucket before any plan is applied, and in every verification: vector writes billing data there
 * with the role the library manages, so a role that is right for a bucket vector cannot write to is not "healthy".
 *
 * <ul>
 *   <li>The bucket must exist and be in the configured region ({@code storage.region}, the Space's
 *       {@code billing.storage.aws.region}): otherwise the plan is blocked, naming the bucket, both regions and the
 *       fix, before its first write (vector would get {@code 404}, or {@code 301 PermanentRedirect}).</li>
 *   <li>A bucket S3 will not describe ({@code 403}) or that another account owns is reported with what its owner must
 *       allow (a bucket policy granting the role vector's actions): a note in the plan, an {@link FindingState#UNKNOWN}
 *       finding in the verification, never OK.</li>
 *   <li>Its default encryption decides the role's S3 policy: a customer managed KMS key adds exactly
 *       {@link BillingPolicies#KMS_ACTIONS} on that key, through S3 in the bucket's region; SSE-S3 and the AWS managed
 *       key {@code aws/s3} need nothing.</li>
 * </ul>
 *
 * <p>Two S3 reads for the account's own bucket in its region ({@code HeadBucket} with the expected owner, then {@code
 * GetBucketEncryption}), three at most otherwise (the plain {@code HeadBucket} tells the other answers apart), made
 * once per operation: the library never changes the bucket, so the verification after an apply reuses what the plan
 * read.
 */
public final class BucketPreflight {
  /** The subject of the bucket's findings. */
  public static final String SUBJECT = "bucket";

  private static final Logger LOG = LoggerFactory.getLogger(BucketPreflight.class);
  private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+");

  private BucketPreflight() {}

  /**
   * Checks the bucket for a plan: its notes join the plan's, and a bucket that is missing or in another region blocks
   * the plan. Returns the check, whose {@link BucketCheck#s3Access()} is the role's S3 policy.
   */
  public static BucketCheck check(StrategyContext context, Plan.Builder plan) {
    BucketCheck check = check(context);
    check.notes().forEach(plan::note);
    check.blocker().ifPresent(plan::blocker);
    return check;
  }

  /** Checks the bucket once per operation (the verification after an apply gets the plan's check). */
  public static BucketCheck check(StrategyContext context) {
    return context.state(BucketCheck.class, () -> read(context));
  }

  private static BucketCheck read(StrategyContext context) {
    BillingStorage storage = context.settings().storage();
    S3Port s3 = context.aws().s3();
    // The common case in one request: S3 answers 200 to HeadBucket with ExpectedBucketOwner only for a bucket that
    // exists, in the region asked, and belongs to this account. Its other answers (403 for another account's bucket
    // and for one these credentials may not read alike, 404, a redirect) are told apart by the plain HeadBucket.
    Optional<Boolean> owned = ownedHere(s3, storage, context.account().id());
    if (owned.orElse(false)) {
      LOG.debug("bucket {} in {}: the account's own", storage.bucket(), storage.region());
      Reading r = new Reading(context, storage, BucketStatus.found(storage.bucket(), storage.region()));
      r.found(s3, owned);
      return r.result();
    }
    BucketStatus status = s3.findBucket(storage);
    LOG.debug("bucket {} in {}: {}", storage.bucket(), storage.region(), status);
    Reading r = new Reading(context, storage, status);
    switch (status.answer()) {
      case NOT_FOUND -> r.missing();
      case IN_ANOTHER_REGION -> r.elsewhere(status.region().orElseThrow());
      case FORBIDDEN -> r.forbidden();
      case FOUND -> {
        String region = status.region().orElseThrow();
        if (!region.equals(storage.region())) {
          r.elsewhere(region);
        } else {
          r.found(s3, owned);
        }
      }
    }
    return r.result();
  }

  /**
   * HeadBucket with the account as expected owner: {@code true} for the account's own bucket in the storage's region,
   * {@code false} for a 403 (another account's bucket, or one these credentials may not read), empty when S3 said
   * the bucket is missing or elsewhere. Other errors (throttling, server errors) are thrown, as the plain HeadBucket's.
   */
  private static Optional<Boolean> ownedHere(S3Port s3, BillingStorage storage, String accountId) {
    try {
      return Optional.of(s3.findBucketOwnership(storage, accountId).owned());
    } catch (NoSuchEntityException missing) {
      return Optional.empty();
    } catch (AwsServiceException e) {
      if (e.statusCode() == 301) {
        return Optional.empty(); // in another region: the plain HeadBucket names it
      }
      throw e;
    }
  }

  /** One check's reading of S3's answers into findings, notes and a blocker. */
  private static final class Reading {
    private final StrategyContext context;
    private final BillingStorage storage;
    private final BucketStatus status;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Optional<Boolean> owned = Optional.empty();
    private Optional<BucketEncryption> encryption = Optional.empty();
    private Optional<String> keyArn = Optional.empty();
    private BucketUnusableException blocker;

    Reading(StrategyContext context, BillingStorage storage, BucketStatus status) {
      this.context = context;
      this.storage = storage;
      this.status = status;
    }

    void missing() {
      String detail = "bucket " + storage.bucket() + " does not exist (S3 HeadBucket in " + storage.region()
          + " answered 404 Not Found): vector would write billing data nowhere";
      String fix = "create it in " + storage.region() + " (aws s3api create-bucket --bucket " + storage.bucket()
          + " --region " + storage.region() + createBucketConfiguration() + "), or name an existing bucket "
          + "(storage bucket, --bucket)";
      findings.add(Finding.problem(SUBJECT, "exists", FindingState.MISSING, detail, fix));
      blocker = new BucketUnusableException(storage.bucket(), storage.region(), null,
          "the billing " + detail + "; " + fix);
    }

    void elsewhere(String actual) {
      String detail = "bucket " + storage.bucket() + " is in region " + actual + ", not in the configured region "
          + storage.region() + " (storage region, the Space's billing.storage.aws.region): vector would get "
          + "301 PermanentRedirect from S3 in " + storage.region();
      String fix = "set the storage region to " + actual + " (BillingStorage.s3(\"" + actual + "\", \""
          + storage.bucket() + "\"), --region " + actual + ") and apply the Helm values it gives, or use a bucket in "
          + storage.region();
      findings.add(Finding.problem(SUBJECT, "region", FindingState.DRIFTED, detail, fix));
      blocker = new BucketUnusableException(storage.bucket(), storage.region(), actual,
          "the billing " + detail + "; " + fix);
    }

    void forbidden() {
      Optional<String> told = status.region().filter(r -> !r.equals(storage.region()));
      if (told.isPresent()) {
        // S3 named the bucket's region with its refusal: in another region, it is as wrong as a readable one.
        elsewhere(told.get());
        return;
      }
      String detail = "S3 will not describe bucket " + storage.bucket() + " to the library (HeadBucket in "
          + storage.region() + " answered 403 Forbidden): it is in another account, or the library's credentials "
          + "lack s3:ListBucket on " + storage.bucketArn() + "; its region and encryption could not be checked";
      findings.add(Finding.problem(SUBJECT, "readable", FindingState.UNKNOWN, detail, ownerMustAllow()
          + "; or grant the library's credentials s3:ListBucket and s3:GetEncryptionConfiguration on "
          + storage.bucketArn() + " (billing-identity permissions)"));
      notes.add(detail + ". " + capitalized(ownerMustAllow()));
    }

    /** @param knownOwned what HeadBucket with the expected owner answered, when it was asked already */
    void found(S3Port s3, Optional<Boolean> knownOwned) {
      findings.add(Finding.ok(SUBJECT, "region", storage.bucket() + " is in " + storage.region()));
      AwsAccount account = context.account();
      owned = Optional.of(knownOwned.orElseGet(() -> s3.findBucketOwnership(storage, account.id()).owned()));
      if (owned.get()) {
        findings.add(Finding.ok(SUBJECT, "owner", "account " + account.id()));
      } else {
        String detail = "bucket " + storage.bucket() + " belongs to another account than " + account.id()
            + " (HeadBucket with ExpectedBucketOwner " + account.id() + " answered 403 Forbidden); the library "
            + "cannot read that account's bucket policy";
        findings.add(Finding.problem(SUBJECT, "owner", FindingState.UNKNOWN, detail, ownerMustAllow()));
        notes.add(detail + ". " + capitalized(ownerMustAllow()));
      }
      readEncryption(s3, account);
    }

    private void readEncryption(S3Port s3, AwsAccount account) {
      BucketEncryption enc;
      try {
        enc = s3.findBucketEncryption(storage);
      } catch (AccessDeniedException e) {
        String detail = "the default encryption of bucket " + storage.bucket() + " could not be read ("
            + e.errorCode() + "): if it uses a customer managed KMS key, vector's role needs "
            + String.join(" and ", BillingPolicies.KMS_ACTIONS) + " on it";
        findings.add(Finding.problem(SUBJECT, "encryption", FindingState.UNKNOWN, detail,
            "grant the library's credentials s3:GetEncryptionConfiguration on " + storage.bucketArn()
                + " (billing-identity permissions), then apply()"));
        notes.add(detail);
        return;
      }
      encryption = Optional.of(enc);
      if (!enc.usesKms()) {
        findings.add(Finding.ok(SUBJECT, "encryption", (enc.kind() == BucketEncryption.Kind.NONE
            ? "no default encryption configuration" : "SSE-S3") + ": vector's role needs no KMS permission"));
        return;
      }
      String kind = enc.kind() == BucketEncryption.Kind.DSSE_KMS ? "DSSE-KMS" : "SSE-KMS";
      if (enc.usesAwsManagedKey()) {
        findings.add(Finding.ok(SUBJECT, "encryption", kind + " with the AWS managed key "
            + BucketEncryption.AWS_MANAGED_KEY_ALIAS + ": vector's role needs no KMS permission"));
        return;
      }
      String id = enc.kmsKeyId().orElseThrow();
      Optional<String> arn = keyArn(id, account);
      if (arn.isEmpty()) {
        String detail = "the default encryption of bucket " + storage.bucket() + " is " + kind + " with " + id
            + ", which is not a key ARN; IAM grants a key's use by its ARN, and the library does not read KMS";
        findings.add(Finding.problem(SUBJECT, "encryption", FindingState.UNKNOWN, detail,
            "set the bucket's default encryption to the key's ARN (aws s3api put-bucket-encryption), then apply(); "
                + "or grant the role " + String.join(" and ", BillingPolicies.KMS_ACTIONS) + " on the key yourself"));
        notes.add(detail);
        return;
      }
      keyArn = arn;
      findings.add(Finding.ok(SUBJECT, "encryption", kind + " with customer managed key " + arn.get()
          + (enc.bucketKeyEnabled() ? " (S3 Bucket Key on)" : "") + ": the role's S3 policy grants "
          + String.join(" and ", BillingPolicies.KMS_ACTIONS) + " on it via " + BillingPolicies.s3ViaService(storage)
          + "; the key's own policy must allow the role too, which the library cannot read"));
    }

    /**
     * The key's ARN: as given, or made from a bare key id, which S3 accepts only for a key of the bucket owner's
     * account in the bucket's region (ours, since the caller checked the owner). Aliases name no key IAM can grant.
     */
    private Optional<String> keyArn(String id, AwsAccount account) {
      if (KEY_ARN.matcher(id).matches()) {
        return Optional.of(id);
      }
      if (id.startsWith("arn:") || id.startsWith("alias/") || !owned.orElse(false)) {
        return Optional.empty();
      }
      return Optional.of("arn:" + storage.partition().id() + ":kms:" + storage.region() + ":" + account.id()
          + ":key/" + id);
    }

    private String ownerMustAllow() {
      String role = context.settings().role().arn(context.account());
      return "its owner must allow the billing role " + role + " in the bucket policy: s3:ListBucket on "
          + storage.bucketArn() + " and s3:GetObject, s3:PutObject, s3:DeleteObject on " + storage.objectsArn()
          + " (and, for a customer managed KMS key, " + String.join(" and ", BillingPolicies.KMS_ACTIONS)
          + " in the key policy)";
    }

    private String createBucketConfiguration() {
      return storage.region().equals("us-east-1") ? ""
          : " --create-bucket-configuration LocationConstraint=" + storage.region();
    }

    private static String capitalized(String s) {
      return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    BucketCheck result() {
      return new BucketCheck(storage, status, owned, encryption, keyArn, findings, notes,
          Optional.ofNullable(blocker));
    }
  }
}
