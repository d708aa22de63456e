package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.AddonInfo;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.ClusterInfo;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.CreatePodIdentityAssociationRequest;
import software.amazon.awssdk.services.eks.model.ListPodIdentityAssociationsResponse;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;

/**
 * {@link EksPort} over the SDK's {@link EksClient}. Creating and updating an association is safe to retry: the SDK
 * fills in one {@code clientRequestToken} per call and sends it again with each retry, so EKS does the work once.
 */
final class SdkEksPort implements EksPort {
  private static final String SERVICE = "EKS";

  /** Made on first use: a command that asks EKS nothing builds no EKS client */
  private final Supplier<EksClient> eks;
  private final EksAuthClient auth;

  SdkEksPort(Supplier<EksClient> eks, EksAuthClient auth) {
    this.eks = eks;
    this.auth = auth;
  }

  /** {@inheritDoc} A SigV4-signed call of its own ({@link EksAuthClient}): the SDK's EKS Auth client is not used. */
  @Override
  public AssumedRole assumeRoleForPodIdentity(String clusterName, String token) {
    return auth.assumeRoleForPodIdentity(clusterName, token);
  }

  @Override
  public ClusterInfo describeCluster(String clusterName) {
    Cluster c = call("DescribeCluster", () -> eks.get().describeCluster(r -> r.name(clusterName))).cluster();
    Optional<String> issuer = Optional.ofNullable(c.identity())
        .map(identity -> identity.oidc())
        .map(oidc -> oidc.issuer());
    return new ClusterInfo(c.name(), c.arn(), issuer, c.statusAsString());
  }

  @Override
  public Optional<AddonInfo> findAddon(String clusterName, String addonName) {
    try {
      Addon a = call("DescribeAddon",
          () -> eks.get().describeAddon(r -> r.clusterName(clusterName).addonName(addonName)))
          .addon();
      return Optional.of(new AddonInfo(a.addonName(), a.addonVersion(), a.statusAsString()));
    } catch (NoSuchEntityException e) {
      // EKS answers ResourceNotFoundException for a missing add-on (and for a missing cluster).
      return Optional.empty();
    }
  }

  @Override
  public void createAddon(String clusterName, String addonName) {
    call("CreateAddon", () -> eks.get().createAddon(r -> r.clusterName(clusterName).addonName(addonName)));
  }

  @Override
  public AssociationPage listPodIdentityAssociations(
      String clusterName, String namespace, String nextToken, int maxResults) {
    ListPodIdentityAssociationsResponse page = call("ListPodIdentityAssociations",
        () -> eks.get().listPodIdentityAssociations(r -> r.clusterName(clusterName).namespace(namespace)
            .nextToken(nextToken).maxResults(maxResults)));
    return new AssociationPage(
        page.associations().stream()
            .map(s -> new AssociationSummary(s.associationId(), s.associationArn(), s.clusterName(), s.namespace(),
                s.serviceAccount()))
            .toList(),
        Optional.ofNullable(page.nextToken()));
  }

  @Override
  public Association describePodIdentityAssociation(String clusterName, String associationId) {
    return association(call("DescribePodIdentityAssociation", () -> eks.get().describePodIdentityAssociation(
        r -> r.clusterName(clusterName).associationId(associationId))).association());
  }

  @Override
  public Association createPodIdentityAssociation(NewAssociation association) {
    CreatePodIdentityAssociationRequest.Builder request = CreatePodIdentityAssociationRequest.builder()
        .clusterName(association.clusterName())
        .namespace(association.namespace())
        .serviceAccount(association.serviceAccount())
        .roleArn(association.roleArn());
    if (!association.tags().isEmpty()) {
      request.tags(association.tags());
    }
    return association(call("CreatePodIdentityAssociation",
        () -> eks.get().createPodIdentityAssociation(request.build())).association());
  }

  @Override
  public Association updatePodIdentityAssociation(String clusterName, String associationId, String roleArn) {
    return association(call("UpdatePodIdentityAssociation", () -> eks.get().updatePodIdentityAssociation(
        r -> r.clusterName(clusterName).associationId(associationId).roleArn(roleArn))).association());
  }

  @Override
  public void deletePodIdentityAssociation(String clusterName, String associationId) {
    call("DeletePodIdentityAssociation", () -> eks.get().deletePodIdentityAssociation(
        r -> r.clusterName(clusterName).associationId(associationId)));
  }

  private static Association association(PodIdentityAssociation a) {
    return new Association(a.associationId(), a.associationArn(), a.clusterName(), a.namespace(),
        a.serviceAccount(), a.roleArn(), a.tags());
  }

  private static <T> T call(String operation, Supplier<T> call) {
    return AwsErrors.call(SERVICE, operation, call);
  }
}
