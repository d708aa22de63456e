package dev.billingidentity.spi.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The EKS operations the library needs. */
public interface EksPort {
  /** {@code DescribeCluster}; throws {@link NoSuchEntityException} when there is no such cluster. */
  ClusterInfo describeCluster(String clusterName);

  /** {@code DescribeAddon}, or empty when the add-on is not installed. */
  Optional<AddonInfo> findAddon(String clusterName, String addonName);

  /** {@code CreateAddon} with the default version. */
  void createAddon(String clusterName, String addonName);

  /**
   * One page of {@code ListPodIdentityAssociations}.
   *
   * @param namespace only this namespace, or null for all
   * @param nextToken the previous page's token, or null for the first page
   * @param maxResults at most this many items (EKS allows 1 to 100)
   */
  AssociationPage listPodIdentityAssociations(String clusterName, String namespace, String nextToken, int maxResults);

  /** Every association of the cluster (optionally of one namespace), following the pages. */
  default List<AssociationSummary> listAllPodIdentityAssociations(String clusterName, String namespace) {
    List<AssociationSummary> all = new ArrayList<>();
    String token = null;
    do {
      AssociationPage page = listPodIdentityAssociations(clusterName, namespace, token, 100);
      all.addAll(page.items());
      token = page.nextToken().orElse(null);
    } while (token != null);
    return all;
  }

  /** {@code DescribePodIdentityAssociation}; throws {@link NoSuchEntityException} when it does not exist. */
  Association describePodIdentityAssociation(String clusterName, String associationId);

  /**
   * {@code CreatePodIdentityAssociation}. Throws {@link ResourceInUseException} when the namespace and service
   * account have one already, {@link InvalidParameterException} when EKS does not see the role (yet), and
   * {@link LimitExceededException} past 5,000 associations per cluster.
   */
  Association createPodIdentityAssociation(NewAssociation association);

  /** {@code UpdatePodIdentityAssociation}: points the association at another role. */
  Association updatePodIdentityAssociation(String clusterName, String associationId, String roleArn);

  /** {@code DeletePodIdentityAssociation}. */
  void deletePodIdentityAssociation(String clusterName, String associationId);

  /**
   * EKS Auth {@code AssumeRoleForPodIdentity}: exchanges a service account's token (audience
   * {@code pods.eks.amazonaws.com}) for the credentials of the role its Pod Identity association names, as the EKS Pod
   * Identity agent does for vector's pods. Signed with the caller's credentials, which need
   * {@code eks-auth:AssumeRoleForPodIdentity} on the cluster. Throws {@link InvalidTokenException} when EKS Auth
   * refuses the token, {@link NoSuchEntityException} when there is no such cluster or no association for the token's
   * service account, and {@link AccessDeniedException} when the role's trust refuses EKS.
   *
   * @param token the token; never logged, nor put in an exception
   */
  AssumedRole assumeRoleForPodIdentity(String clusterName, String token);
}
