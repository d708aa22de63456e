/**
 * The library's AWS ports over the AWS SDK for Java v2 (synchronous IAM, STS and EKS clients on the Apache 5 HTTP
 * client): {@link dev.billingidentity.awssdk.AwsAdapters} makes them, {@link dev.billingidentity.awssdk.AwsCallCounter}
 * counts their calls. AWS's errors arrive as the {@link dev.billingidentity.spi.aws.AwsServiceException} family;
 * throttling, server errors and broken connections are retried by the SDK's own retry strategy first.
 */
package dev.billingidentity.awssdk;
