package dev.billingidentity.spi.aws;

import java.util.Optional;

/**
 * An EKS cluster as {@code DescribeCluster} reports it.
 *
 * @param name the cluster name
 * @param arn the cluster ARN, e.g. {@code arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod}
 * @param oidcIssuer {@code identity.oidc.issuer}, when the cluster has one
 * @param status e.g. {@code ACTIVE}
 */
public record ClusterInfo(String name, String arn, Optional<String> oidcIssuer, String status) {}
