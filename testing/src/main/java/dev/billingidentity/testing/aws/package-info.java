/**
 * IAM, STS and EKS in memory ({@link dev.billingidentity.testing.aws.InMemoryAws}), with AWS's errors, quotas,
 * pagination and eventual consistency.
 */
package dev.billingidentity.testing.aws;
