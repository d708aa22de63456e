package dev.billingidentity.awssdk;

import dev.billingidentity.BillingIdentityException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The S3 clients of one {@link AwsAdapters}, one per region asked, each made on first use. S3 must be asked in the
 * bucket's region (elsewhere it answers {@code 301}), and the billing bucket's region need not be the cluster's, so
 * one client cannot serve every call. Thread-safe.
 */
final class S3Clients implements SdkAutoCloseable {
  private final Function<Region, S3Client> make;
  private final Map<String, S3Client> byRegion = new ConcurrentHashMap<>();

  /** Clients made by {@code make}, which this owns and closes. */
  S3Clients(Function<Region, S3Client> make) {
    this.make = Objects.requireNonNull(make, "make");
  }

  /**
   * The one client a caller gave, for its own region only: asked for another region it fails with the fix, since
   * an S3 client cannot be moved to another region.
   */
  static Function<String, S3Client> only(S3Client s3) {
    String own = s3.serviceClientConfiguration().region().id();
    return region -> {
      if (!own.equals(region)) {
        throw new BillingIdentityException("the S3 client given to AwsAdapters.of is in region " + own
            + ", and the billing bucket's region is " + region + ": S3 answers a bucket only in its own region, so "
            + "give an S3 client made with .region(Region.of(\"" + region + "\"))");
      }
      return s3;
    };
  }

  /** The client of {@code region}, made now if it is the first call there. */
  S3Client in(String region) {
    return byRegion.computeIfAbsent(region, r -> make.apply(Region.of(r)));
  }

  @Override
  public void close() {
    byRegion.values().forEach(S3Client::close);
    byRegion.clear();
  }
}
