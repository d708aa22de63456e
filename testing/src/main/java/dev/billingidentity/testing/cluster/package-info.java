/**
 * A Space's host cluster in memory ({@link dev.billingidentity.testing.cluster.InMemoryCluster}), with the EKS
 * webhooks' admission behaviour ({@link dev.billingidentity.testing.cluster.IdentityEnv}).
 */
package dev.billingidentity.testing.cluster;
