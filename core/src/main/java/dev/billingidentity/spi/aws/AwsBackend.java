package dev.billingidentity.spi.aws;

import java.util.Objects;

/** The AWS ports together: what a strategy needs of AWS (IAM, STS, EKS, and S3 for the billing bucket). */
public record AwsBackend(IamPort iam, StsPort sts, EksPort eks, S3Port s3) {
  public AwsBackend {
    Objects.requireNonNull(iam, "iam");
    Objects.requireNonNull(sts, "sts");
    Objects.requireNonNull(eks, "eks");
    Objects.requireNonNull(s3, "s3");
  }
}
