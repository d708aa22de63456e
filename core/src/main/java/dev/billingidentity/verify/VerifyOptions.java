package dev.billingidentity.verify;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@code verify(VerifyOptions)} checks beyond the settings: by default nothing more than {@code verify()}; with
 * {@link #probe()}, vector's own chain for each control plane (or a sample): a token for its service account, exchanged
 * for the role's credentials, reaching the bucket. The probe needs {@code create} on {@code serviceaccounts/token}
 * for {@code vector} in the cluster, and, for Pod Identity, {@code eks-auth:AssumeRoleForPodIdentity}.
 *
 * <pre>{@code
 * bi.verify(VerifyOptions.probe());            // every control plane
 * bi.verify(VerifyOptions.probe().sample(5));  // the first five, in discovery order
 * }</pre>
 *
 * @param probeEnabled whether to walk vector's chain
 * @param sample at most this many control planes are probed (all when empty)
 * @param tokenExpiry how long the probe's tokens are valid (ten minutes, the TokenRequest API's shortest)
 */
public record VerifyOptions(boolean probeEnabled, OptionalInt sample, Duration tokenExpiry) {
  /** The TokenRequest API's shortest expiry, and the probe's default. */
  public static final Duration TOKEN_EXPIRY = Duration.ofMinutes(10);

  public VerifyOptions {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(tokenExpiry, "tokenExpiry");
    if (sample.isPresent() && sample.getAsInt() < 1) {
      throw new IllegalArgumentException("sample must be at least 1 control plane, was " + sample.getAsInt());
    }
    if (tokenExpiry.compareTo(TOKEN_EXPIRY) < 0) {
      throw new IllegalArgumentException("tokenExpiry must be at least 10 minutes (the TokenRequest API's "
          + "shortest), was " + tokenExpiry);
    }
  }

  /** {@code verify()}'s checks, no probe. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(false, OptionalInt.empty(), TOKEN_EXPIRY);
  }

  /** The checks and vector's chain for every control plane. */
  public static VerifyOptions probe() {
    return new VerifyOptions(true, OptionalInt.empty(), TOKEN_EXPIRY);
  }

  /** The same, probing at most {@code controlPlanes} of them (the first, in discovery order). */
  public VerifyOptions sample(int controlPlanes) {
    return new VerifyOptions(probeEnabled, OptionalInt.of(controlPlanes), tokenExpiry);
  }

  /** The same, with tokens valid for {@code expiry} (at least ten minutes). */
  public VerifyOptions tokenExpiry(Duration expiry) {
    return new VerifyOptions(probeEnabled, sample, expiry);
  }
}
