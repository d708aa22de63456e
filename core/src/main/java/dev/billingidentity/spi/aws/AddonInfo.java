package dev.billingidentity.spi.aws;

/**
 * An EKS add-on of a cluster.
 *
 * @param name e.g. {@code eks-pod-identity-agent}
 * @param version the add-on version
 * @param status e.g. {@code ACTIVE}
 */
public record AddonInfo(String name, String version, String status) {}
