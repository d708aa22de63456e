/**
 * The EKS Pod Identity strategy ({@link dev.billingidentity.podidentity.PodIdentityStrategy}): a role trusted by
 * {@code pods.eks.amazonaws.com} for one account and one cluster, the billing S3 policy, the
 * {@code eks-pod-identity-agent} add-on, and one pod identity association per provisioned control plane; and the
 * step-by-step migration of a Space from IRSA ({@link dev.billingidentity.podidentity.PodIdentityMigration}).
 *
 * <p>The library only changes associations it created (tagged {@code billing-identity.dev/managed-by}); an
 * association someone else made for vector is reported, never updated, deleted or duplicated.
 */
package dev.billingidentity.podidentity;
