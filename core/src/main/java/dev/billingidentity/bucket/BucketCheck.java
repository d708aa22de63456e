package dev.billingidentity.bucket;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.verify.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BucketPreflight} found of the billing bucket: S3's answers, the findings for {@code verify()}, the notes
 * and the blocker for a plan, and the KMS key vector's role must be allowed to use.
 *
 * @param storage the bucket and region checked
 * @param status what {@code HeadBucket} answered in the storage's region
 * @param ownedByAccount whether the account owns the bucket, when S3 could tell
 * @param encryption the bucket's default encryption, when S3 let it be read
 * @param kmsKeyArn the customer managed key of the bucket's default encryption, which the role's S3 policy must
 *     grant; empty for SSE-S3, the AWS managed key, and keys the library could not resolve to an ARN
 * @param findings the bucket's findings (subject {@code bucket})
 * @param notes what a plan should say about the bucket
 * @param blocker why no plan may be applied, when the bucket is missing or elsewhere
 */
public record BucketCheck(
    BillingStorage storage,
    BucketStatus status,
    Optional<Boolean> ownedByAccount,
    Optional<BucketEncryption> encryption,
    Optional<String> kmsKeyArn,
    List<Finding> findings,
    List<String> notes,
    Optional<BucketUnusableException> blocker) {
  public BucketCheck {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ownedByAccount, "ownedByAccount");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
    Objects.requireNonNull(blocker, "blocker");
  }

  /** The role's inline S3 policy for this bucket: the billing access, and its key when it has a customer key. */
  public PolicyDocument s3Access() {
    return BillingPolicies.s3Access(storage, kmsKeyArn);
  }
}
