package dev.billingidentity.bucket;

import dev.billingidentity.BillingIdentityException;
import java.util.Optional;

/**
 * The billing bucket cannot take vector's writes as configured: it does not exist, or it is in another region than
 * the configured one. Blocks a plan before its first write; the message names the bucket, both regions and the fix.
 */
public class BucketUnusableException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  private final String bucket;
  private final String configuredRegion;
  private final String actualRegion;

  /**
   * @param actualRegion the bucket's region, or null when there is no such bucket
   */
  public BucketUnusableException(String bucket, String configuredRegion, String actualRegion, String message) {
    super(message);
    this.bucket = bucket;
    this.configuredRegion = configuredRegion;
    this.actualRegion = actualRegion;
  }

  /** The bucket's name. */
  public String bucket() {
    return bucket;
  }

  /** The region the settings name ({@code storage.region}). */
  public String configuredRegion() {
    return configuredRegion;
  }

  /** The bucket's region as S3 told it; empty when the bucket does not exist. */
  public Optional<String> actualRegion() {
    return Optional.ofNullable(actualRegion);
  }
}
