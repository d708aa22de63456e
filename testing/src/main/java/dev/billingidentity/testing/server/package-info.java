/**
 * A fake AWS on HTTP ({@link dev.billingidentity.testing.server.FakeAwsServer}): IAM, STS, EKS and S3 wire protocols
 * served from an {@link dev.billingidentity.testing.aws.InMemoryAws}, so the real SDK adapters can be tested end to
 * end, and run against the contract kits, without AWS. Needs WireMock on the classpath (an optional dependency of
 * this artifact).
 */
package dev.billingidentity.testing.server;
