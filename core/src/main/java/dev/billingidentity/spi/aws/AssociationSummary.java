package dev.billingidentity.spi.aws;

/**
 * One item of {@code ListPodIdentityAssociations}. Like AWS's summary it carries no role ARN and no tags:
 * {@link EksPort#describePodIdentityAssociation} gives those.
 */
public record AssociationSummary(
    String associationId, String associationArn, String clusterName, String namespace, String serviceAccount) {}
