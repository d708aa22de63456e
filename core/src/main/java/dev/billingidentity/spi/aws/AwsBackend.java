package dev.billingidentity.spi.aws;

import java.util.Objects;

/** The three AWS ports together: what a strategy needs of AWS. */
public record AwsBackend(IamPort iam, StsPort sts, EksPort eks) {
  /** Refuses a null port. */
  public AwsBackend {
    Objects.requireNonNull(iam, "iam");
    Objects.requireNonNull(sts, "sts");
    Objects.requireNonNull(eks, "eks");
  }
}
