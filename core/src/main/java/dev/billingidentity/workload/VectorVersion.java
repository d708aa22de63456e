package dev.billingidentity.workload;

import dev.billingidentity.validation.Problems;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of vector, {@code MAJOR.MINOR.PATCH}, ordered as releases are.
 *
 * @param major e.g. {@code 0}
 * @param minor e.g. {@code 46}
 * @param patch e.g. {@code 1}
 */
public record VectorVersion(int major, int minor, int patch) implements Comparable<VectorVersion> {
  /**
   * The first vector that can use EKS Pod Identity's credentials: 0.46.0.
   *
   * <p>Source (checked 2026-12-02, see {@code FACTS.md}, "vector and Pod Identity"): Pod Identity needs the Rust AWS
   * SDK's {@code aws-config} 1.1.8 or later (vector issue #20662); older ones refuse the agent's
   * {@code http://169.254.170.23/v1/credentials} as "not the loopback interface" (vector helm-charts issue #452), and
   * vector then runs without credentials and writes nothing. vector's {@code Cargo.lock} pins {@code aws-config}
   * 1.0.1 from v0.36.1 through v0.45.x and 1.5.x from v0.46.0. The Spaces Helm reference's default
   * {@code controlPlanes.vector.version}, 0.36.1, is older.
   */
  public static final VectorVersion MINIMUM_FOR_POD_IDENTITY = new VectorVersion(0, 46, 0);

  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})");
  private static final Comparator<VectorVersion> ORDER = Comparator.comparingInt(VectorVersion::major)
      .thenComparingInt(VectorVersion::minor).thenComparingInt(VectorVersion::patch);

  public VectorVersion {
    Problems p = new Problems();
    p.require(major >= 0, "vectorVersion.major", major, "0 or more");
    p.require(minor >= 0, "vectorVersion.minor", minor, "0 or more");
    p.require(patch >= 0, "vectorVersion.patch", patch, "0 or more");
    p.throwIfAny();
  }

  /**
   * Parses {@code MAJOR.MINOR.PATCH} (a leading {@code v} is allowed), e.g. {@code 0.46.0}.
   *
   * @throws dev.billingidentity.validation.InvalidInputException naming {@code field} and the value when it is not a
   *     version
   */
  public static VectorVersion parse(String field, String version) {
    Matcher m = version == null ? null : VERSION.matcher(version.strip());
    Problems p = new Problems();
    p.require(m != null && m.matches(), field, version, "a vector version MAJOR.MINOR.PATCH, e.g. "
        + MINIMUM_FOR_POD_IDENTITY);
    p.throwIfAny();
    return new VectorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)));
  }

  /** Whether this release is {@code other} or a later one. */
  public boolean atLeast(VectorVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(VectorVersion other) {
    return ORDER.compare(this, other);
  }

  /** E.g. {@code 0.46.0}. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
