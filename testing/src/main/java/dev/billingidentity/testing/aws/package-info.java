/**
 * IAM, STS and EKS in memory ({@link dev.billingidentity.testing.aws.InMemoryAws}), and S3 beside them
 * ({@link dev.billingidentity.testing.aws.InMemoryS3}, the billing bucket), with AWS's errors, quotas,
 * pagination and eventual consistency.
 */
package dev.billingidentity.testing.aws;
