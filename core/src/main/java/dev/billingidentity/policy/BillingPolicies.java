package dev.billingidentity.policy;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The policy documents of the billing workload identity guide, partition-aware, and the statements the library
 * owns in a role's trust policy.
 *
 * <p>One S3 permission policy serves both modes: the guide's IRSA section grants {@code s3:DeleteObject} and its
 * Pod Identity section does not (a known inconsistency of the guide); vector manages the objects it writes in both
 * modes, so the library grants the IRSA set, on exactly the bucket and its objects, in both.
 */
public final class BillingPolicies {
  private BillingPolicies() {}

  /** Every trust statement the library writes has a {@code Sid} starting with this; it owns those and no others. */
  public static final String OWNED_SID_PREFIX = "BillingIdentity";
  /** The {@code Sid} of the IRSA statement with exact subjects. */
  public static final String IRSA_SID = OWNED_SID_PREFIX + "Irsa";
  /** The {@code Sid} of the IRSA statement with the opt-in host-namespace pattern. */
  public static final String IRSA_PATTERN_SID = OWNED_SID_PREFIX + "IrsaHostNamespacePattern";
  /** The {@code Sid} of the Pod Identity statement. */
  public static final String POD_IDENTITY_SID = OWNED_SID_PREFIX + "PodIdentity";

  /** The audience IRSA tokens carry, and the client id of the IAM OIDC provider. */
  public static final String STS_AUDIENCE = "sts.amazonaws.com";
  /** The service principal of EKS Pod Identity. */
  public static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
  /** The S3 actions vector needs. */
  public static final List<String> S3_ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject");
  /**
   * The subject pattern of every control plane's vector when host namespaces follow the default
   * {@code mxp-<id>-system} rule: an explicit opt-in, never chosen by the library on its own.
   */
  public static final String HOST_NAMESPACE_SUBJECT_PATTERN = "system:serviceaccount:mxp-*-system:vector";

  /**
   * The KMS actions vector needs on the customer key of an SSE-KMS bucket: {@code kms:GenerateDataKey} to write an
   * object, {@code kms:Decrypt} to read one (and to complete a multipart upload).
   */
  public static final List<String> KMS_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");

  /** The S3 permission policy: the guide's four actions on the bucket and its objects. */
  public static PolicyDocument s3Access(BillingStorage storage) {
    return s3Access(storage, Optional.empty());
  }

  /**
   * The S3 permission policy for a bucket whose default encryption uses {@code kmsKeyArn} (a customer managed key):
   * the guide's four actions on the bucket and its objects and, when there is a key, {@link #KMS_ACTIONS} on exactly
   * that key, only through S3 in the bucket's region ({@code kms:ViaService}), so the role cannot use the key
   * directly. SSE-S3 and the AWS managed key {@code aws/s3} need no key statement ({@code Optional.empty()}).
   */
  public static PolicyDocument s3Access(BillingStorage storage, Optional<String> kmsKeyArn) {
    Statement objects = Statement.builder()
        .allow()
        .action(S3_ACTIONS.toArray(String[]::new))
        .resource(storage.bucketArn(), storage.objectsArn())
        .build();
    if (kmsKeyArn.isEmpty()) {
      return PolicyDocument.of(objects);
    }
    return PolicyDocument.of(List.of(objects, Statement.builder()
        .allow()
        .action(KMS_ACTIONS.toArray(String[]::new))
        .resource(kmsKeyArn.get())
        .condition("StringEquals", "kms:ViaService", s3ViaService(storage))
        .build()));
  }

  /**
   * The name KMS sees for S3 calling on a principal's behalf in the bucket's region, for {@code kms:ViaService}:
   * {@code s3.<region>.amazonaws.com} ({@code .amazonaws.com.cn} in China).
   */
  public static String s3ViaService(BillingStorage storage) {
    return "s3." + storage.region() + ".amazonaws.com" + (storage.partition() == Partition.AWS_CN ? ".cn" : "");
  }

  /** {@return {@code system:serviceaccount:<namespace>:<serviceAccount>}: the {@code sub} of a projected token} */
  public static String subject(String namespace, String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /**
   * The IRSA trust statement in its compact form: one statement, {@code StringEquals} on {@code <issuer>:aud} and
   * on {@code <issuer>:sub} with every exact subject in one array (a single subject is written as a string).
   */
  public static Statement irsaStatement(AwsAccount account, OidcIssuer issuer, Collection<String> subjects) {
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("an IRSA trust statement needs at least one subject");
    }
    return Statement.builder()
        .sid(IRSA_SID)
        .allow()
        .principal("Federated", issuer.providerArn(account))
        .action("sts:AssumeRoleWithWebIdentity")
        .condition("StringEquals", issuer.hostPath() + ":aud", STS_AUDIENCE)
        .condition("StringEquals", issuer.hostPath() + ":sub", subjects)
        .build();
  }

  /**
   * The opt-in IRSA statement that trusts every default host namespace's vector
   * ({@link #HOST_NAMESPACE_SUBJECT_PATTERN}, with {@code StringLike}), as the Upbound billing guide allows.
   */
  public static Statement irsaHostNamespacePatternStatement(AwsAccount account, OidcIssuer issuer) {
    return Statement.builder()
        .sid(IRSA_PATTERN_SID)
        .allow()
        .principal("Federated", issuer.providerArn(account))
        .action("sts:AssumeRoleWithWebIdentity")
        .condition("StringEquals", issuer.hostPath() + ":aud", STS_AUDIENCE)
        .condition("StringLike", issuer.hostPath() + ":sub", HOST_NAMESPACE_SUBJECT_PATTERN)
        .build();
  }

  /**
   * The Pod Identity trust statement: {@code pods.eks.amazonaws.com} may {@code sts:AssumeRole} and
   * {@code sts:TagSession}, only for the given account and cluster ({@code aws:SourceAccount},
   * {@code aws:SourceArn}), which keeps another account's or cluster's EKS from using the role (confused deputy).
   */
  public static Statement podIdentityStatement(AwsAccount account, String clusterArn) {
    return Statement.builder()
        .sid(POD_IDENTITY_SID)
        .allow()
        .principal("Service", POD_IDENTITY_SERVICE)
        .action("sts:AssumeRole", "sts:TagSession")
        .condition("StringEquals", "aws:SourceAccount", account.id())
        .condition("ArnEquals", "aws:SourceArn", clusterArn)
        .build();
  }

  /** {@return the exact IRSA subjects of the library's statement in {@code trust}, in document order} */
  public static List<String> irsaSubjects(PolicyDocument trust, OidcIssuer issuer) {
    return trust.statements().stream()
        .filter(s -> s.sid().filter(IRSA_SID::equals).isPresent())
        .flatMap(s -> s.conditionValues("StringEquals", issuer.hostPath() + ":sub").stream())
        .toList();
  }
}
