package dev.billingidentity.aws;

import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
import java.util.List;

/** An AWS partition: the first element of every ARN. Derived from a region or read from an ARN. */
public enum Partition {
  /** The commercial regions. */
  AWS("aws"),
  /** The China regions. */
  AWS_CN("aws-cn"),
  /** AWS GovCloud (US). */
  AWS_US_GOV("aws-us-gov");

  private final String id;

  Partition(String id) {
    this.id = id;
  }

  /** {@return the partition as ARNs spell it: {@code aws}, {@code aws-cn} or {@code aws-us-gov}} */
  public String id() {
    return id;
  }

  /** China regions ({@code cn-*}) are in {@code aws-cn}, GovCloud ({@code us-gov-*}) in {@code aws-us-gov}. */
  public static Partition ofRegion(String region) {
    if (region.startsWith("cn-")) {
      return AWS_CN;
    }
    if (region.startsWith("us-gov-")) {
      return AWS_US_GOV;
    }
    return AWS;
  }

  /** The partition of an ARN, e.g. {@code arn:aws-cn:iam::...}. */
  public static Partition ofArn(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 3);
    if (parts.length >= 2 && "arn".equals(parts[0])) {
      for (Partition p : values()) {
        if (p.id.equals(parts[1])) {
          return p;
        }
      }
    }
    throw new InvalidInputException(List.of(
        new Problem("arn", arn, "an ARN starts with 'arn:aws:', 'arn:aws-cn:' or 'arn:aws-us-gov:'")));
  }

  @Override
  public String toString() {
    return id;
  }
}
