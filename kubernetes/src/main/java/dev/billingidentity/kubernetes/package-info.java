/**
 * The fabric8 adapter of the cluster port ({@link dev.billingidentity.kubernetes.Fabric8Cluster}) and, in
 * {@code .controller}, a leader-elected controller that reconciles when control planes come and go.
 */
package dev.billingidentity.kubernetes;
