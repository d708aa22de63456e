package dev.billingidentity.permissions;

import java.util.List;
import java.util.Map;

/**
 * The IAM actions each AWS port operation needs, keyed by port and method name as the library calls them. The
 * operator's policy ({@link OperatorPolicy}) is made from this table, and a test checks that every method of
 * {@link dev.billingidentity.spi.aws.IamPort}, {@link dev.billingidentity.spi.aws.EksPort},
 * {@link dev.billingidentity.spi.aws.StsPort} and {@link dev.billingidentity.spi.aws.S3Port} has an entry, so the policy cannot drift from the calls the code makes.
 */
public final class PortPermissions {
  private PortPermissions() {}

  /** What an operation needs, and on which kind of resource. */
  public record Need(List<String> actions, Resource resource) {}

  /** The kinds of resource the library's calls act on. */
  public enum Resource {
    /** An IAM role. */
    ROLE,
    /** An IAM OpenID Connect provider. */
    OIDC_PROVIDER,
    /** An EKS cluster. */
    CLUSTER,
    /** An EKS Pod Identity association. */
    ASSOCIATION,
    /** An EKS add-on. */
    ADDON,
    /** The billing S3 bucket. */
    BUCKET,
    /** No resource of its own: the action is granted on {@code *}. */
    ANY
  }

  static final Map<String, Need> BY_OPERATION = Map.ofEntries(
      Map.entry("iam.findRole", new Need(List.of("iam:GetRole"), Resource.ROLE)),
      Map.entry("iam.createRole", new Need(List.of("iam:CreateRole", "iam:TagRole"), Resource.ROLE)),
      Map.entry("iam.updateTrustPolicy", new Need(List.of("iam:UpdateAssumeRolePolicy"), Resource.ROLE)),
      Map.entry("iam.tagRole", new Need(List.of("iam:TagRole"), Resource.ROLE)),
      Map.entry("iam.untagRole", new Need(List.of("iam:UntagRole"), Resource.ROLE)),
      Map.entry("iam.updateRole", new Need(List.of("iam:UpdateRole"), Resource.ROLE)),
      Map.entry("iam.putRolePermissionsBoundary", new Need(List.of("iam:PutRolePermissionsBoundary"), Resource.ROLE)),
      Map.entry("iam.deleteRolePermissionsBoundary",
          new Need(List.of("iam:DeleteRolePermissionsBoundary"), Resource.ROLE)),
      Map.entry("iam.deleteRole", new Need(List.of("iam:DeleteRole"), Resource.ROLE)),
      Map.entry("iam.listRolePolicyNames", new Need(List.of("iam:ListRolePolicies"), Resource.ROLE)),
      Map.entry("iam.findRolePolicy", new Need(List.of("iam:GetRolePolicy"), Resource.ROLE)),
      Map.entry("iam.putRolePolicy", new Need(List.of("iam:PutRolePolicy"), Resource.ROLE)),
      Map.entry("iam.deleteRolePolicy", new Need(List.of("iam:DeleteRolePolicy"), Resource.ROLE)),
      Map.entry("iam.listOidcProviderArns", new Need(List.of("iam:ListOpenIDConnectProviders"), Resource.ANY)),
      Map.entry("iam.findOidcProvider", new Need(List.of("iam:GetOpenIDConnectProvider"), Resource.OIDC_PROVIDER)),
      Map.entry("iam.createOidcProvider",
          new Need(List.of("iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"), Resource.OIDC_PROVIDER)),
      Map.entry("iam.deleteOidcProvider", new Need(List.of("iam:DeleteOpenIDConnectProvider"), Resource.OIDC_PROVIDER)),
      // GetCallerIdentity needs no permission; listed so that the table covers every port method.
      Map.entry("sts.callerIdentity", new Need(List.of(), Resource.ANY)),
      // The probe's IRSA exchange is made with vector's token, unsigned: STS asks the caller for no credentials.
      Map.entry("sts.assumeRoleWithWebIdentity", new Need(List.of(), Resource.ANY)),
      // The probe's Pod Identity exchange is signed with the caller's credentials, as the EKS Pod Identity agent's
      // own are (the node role's AmazonEKSWorkerNodePolicy grants it); the probe's policy needs it on the cluster.
      Map.entry("eks.assumeRoleForPodIdentity", new Need(List.of("eks-auth:AssumeRoleForPodIdentity"), Resource.CLUSTER)),
      Map.entry("eks.describeCluster", new Need(List.of("eks:DescribeCluster"), Resource.CLUSTER)),
      Map.entry("eks.findAddon", new Need(List.of("eks:DescribeAddon"), Resource.ADDON)),
      Map.entry("eks.createAddon", new Need(List.of("eks:CreateAddon"), Resource.CLUSTER)),
      Map.entry("eks.listPodIdentityAssociations", new Need(List.of("eks:ListPodIdentityAssociations"), Resource.CLUSTER)),
      Map.entry("eks.listAllPodIdentityAssociations",
          new Need(List.of("eks:ListPodIdentityAssociations"), Resource.CLUSTER)),
      Map.entry("eks.describePodIdentityAssociation",
          new Need(List.of("eks:DescribePodIdentityAssociation"), Resource.ASSOCIATION)),
      // Creating or updating an association hands the role to EKS: iam:PassRole on that role, checked separately.
      Map.entry("eks.createPodIdentityAssociation",
          new Need(List.of("eks:CreatePodIdentityAssociation", "eks:TagResource"), Resource.CLUSTER)),
      Map.entry("eks.updatePodIdentityAssociation",
          new Need(List.of("eks:UpdatePodIdentityAssociation"), Resource.ASSOCIATION)),
      Map.entry("eks.deletePodIdentityAssociation",
          new Need(List.of("eks:DeletePodIdentityAssociation"), Resource.ASSOCIATION)),
      // HeadBucket is authorized as s3:ListBucket on the bucket, with or without ExpectedBucketOwner.
      Map.entry("s3.findBucket", new Need(List.of("s3:ListBucket"), Resource.BUCKET)),
      Map.entry("s3.findBucketOwnership", new Need(List.of("s3:ListBucket"), Resource.BUCKET)),
      Map.entry("s3.findBucketEncryption", new Need(List.of("s3:GetEncryptionConfiguration"), Resource.BUCKET)),
      // The probe signs with the session it is given (vector's role), not with the library's own credentials.
      Map.entry("s3.findBucketAs", new Need(List.of(), Resource.BUCKET)));

  /** {@return what {@code port.method} needs, e.g. {@code iam.findRole}} */
  public static Need of(String operation) {
    Need need = BY_OPERATION.get(operation);
    if (need == null) {
      throw new IllegalArgumentException("no IAM permissions are known for port operation " + operation);
    }
    return need;
  }
}
