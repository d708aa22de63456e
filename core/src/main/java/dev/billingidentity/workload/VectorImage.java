package dev.billingidentity.workload;

import dev.billingidentity.spi.cluster.ContainerImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference read as a vector release, from its tag, as vector publishes them:
 * {@code timberio/vector:0.47.0-debian}, {@code -alpine}, {@code -distroless-libc}, {@code -distroless-static}, the
 * bare {@code 0.47.0}, and the series tags {@code 0.47.X-<variant>} (the latest patch of 0.47). A registry and port
 * may come first ({@code registry.example.com:5000/timberio/vector:0.46.1-alpine}); with a digest too
 * ({@code :0.46.0@sha256:...}) the tag is read, since it names what the digest was resolved from.
 *
 * <p>Everything else is {@linkplain Support#UNKNOWN unknown}, never assumed fine: a digest alone, {@code latest},
 * {@code nightly...}, no tag, another tag form, and an image whose repository is not named {@code vector}. A tag is
 * only a label: a custom build tagged {@code 0.47.0} but linked against an older AWS SDK cannot be told from its
 * reference.
 */
public final class VectorImage {
  /** What a release can do, as far as its reference tells. */
  public enum Support {
    /** The release is the minimum or a later one. */
    SUPPORTED,
    /** The release is older than the minimum. */
    TOO_OLD,
    /** The reference does not say which release it is (or a series tag spans both sides of the minimum). */
    UNKNOWN
  }

  /** The repository name vector's images carry (last path component), on Docker Hub and in mirrors. */
  public static final String REPOSITORY_NAME = "vector";

  // vector's own tags: VERSION or VERSION-VARIANT, where the patch may be X for a series tag.
  private static final Pattern VECTOR_TAG = Pattern.compile(
      "v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9}|[xX])(?:-(debian|alpine|distroless-libc|distroless-static))?");
  // Docker's tag grammar: what a reference's last ':' part must be to be a tag at all.
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private final String reference;
  private final String repository;
  private final Optional<String> tag;
  private final Optional<String> digest;
  private final VectorVersion version;
  private final boolean series;

  private VectorImage(String reference, String repository, String tag, String digest, VectorVersion version,
      boolean series) {
    this.reference = reference;
    this.repository = repository;
    this.tag = Optional.ofNullable(tag);
    this.digest = Optional.ofNullable(digest);
    this.version = version;
    this.series = series;
  }

  /** Reads {@code reference} (never fails: what it cannot read is unknown). */
  public static VectorImage parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    String rest = reference.strip();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    // A ':' after the last '/' starts the tag; one before it is a registry's port.
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String name = rest.substring(rest.lastIndexOf('/') + 1);
    VectorVersion version = null;
    boolean series = false;
    if (tag != null && TAG.matcher(tag).matches() && name.equals(REPOSITORY_NAME)) {
      Matcher m = VECTOR_TAG.matcher(tag);
      if (m.matches()) {
        series = m.group(3).equalsIgnoreCase("x");
        version = new VectorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            series ? 0 : Integer.parseInt(m.group(3)));
      }
    }
    return new VectorImage(reference, rest, tag, digest, version, series);
  }

  /**
   * The container of {@code containers} that runs vector: the one named {@code vector}; else the one image whose
   * repository is named {@code vector}; else the only container. Empty when none of these tells (several containers,
   * none of them vector by name).
   */
  public static Optional<ContainerImage> vectorContainer(List<ContainerImage> containers) {
    Optional<ContainerImage> named = containers.stream().filter(c -> c.container().equals(REPOSITORY_NAME))
        .findFirst();
    if (named.isPresent()) {
      return named;
    }
    List<ContainerImage> byImage = containers.stream()
        .filter(c -> parse(c.image()).repositoryName().equals(REPOSITORY_NAME)).toList();
    if (byImage.size() == 1) {
      return Optional.of(byImage.get(0));
    }
    return containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty();
  }

  /** The reference as given. */
  public String reference() {
    return reference;
  }

  /** The repository without tag or digest, registry included: {@code registry.example.com:5000/timberio/vector}. */
  public String repository() {
    return repository;
  }

  /** The tag, e.g. {@code 0.47.0-debian}; empty when the reference has none. */
  public Optional<String> tag() {
    return tag;
  }

  /** The digest, e.g. {@code sha256:...}; empty when the reference has none. */
  public Optional<String> digest() {
    return digest;
  }

  /** The release the tag names; empty when unknown and for a series tag ({@code 0.47.X}), whose patch is unknown. */
  public Optional<VectorVersion> version() {
    return series ? Optional.empty() : Optional.ofNullable(version);
  }

  /** The release as read, for people: {@code 0.43.1}, {@code 0.47.X}, or {@code unknown}. */
  public String versionText() {
    if (version == null) {
      return "unknown";
    }
    return series ? version.major() + "." + version.minor() + ".X" : version.toString();
  }

  /**
   * Whether this image's release is {@code minimum} or later. A series tag ({@code MAJOR.MINOR.X}) is supported when
   * its first release is, too old when its whole minor release is older, and unknown when the minimum is a patch
   * within it.
   */
  public Support support(VectorVersion minimum) {
    Objects.requireNonNull(minimum, "minimum");
    if (version == null) {
      return Support.UNKNOWN;
    }
    if (version.atLeast(minimum)) {
      return Support.SUPPORTED;
    }
    if (!series) {
      return Support.TOO_OLD;
    }
    // Some patch of the series is the minimum or later only when the next minor release is past the minimum.
    VectorVersion nextMinor = new VectorVersion(version.major(), version.minor() + 1, 0);
    return nextMinor.compareTo(minimum) > 0 ? Support.UNKNOWN : Support.TOO_OLD;
  }

  /** Why {@link #support} against {@code minimum} is unknown, for people; empty when it is known. */
  public Optional<String> whyUnknown(VectorVersion minimum) {
    if (support(minimum) != Support.UNKNOWN) {
      return Optional.empty();
    }
    if (version != null) {
      return Optional.of("its tag names the series " + versionText() + ", which has releases before and after "
          + minimum);
    }
    if (repository.isEmpty()) {
      return Optional.of("the spec names no image");
    }
    if (!repositoryName().equals(REPOSITORY_NAME)) {
      return Optional.of("its repository is not named " + REPOSITORY_NAME + " (a custom image?)");
    }
    if (tag.isEmpty()) {
      return Optional.of(digest.isPresent() ? "it is pinned by digest alone" : "it has no tag (latest)");
    }
    return Optional.of("its tag " + tag.get() + " names no release, as VERSION[-variant] would");
  }

  private String repositoryName() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorImage v && reference.equals(v.reference);
  }

  @Override
  public int hashCode() {
    return reference.hashCode();
  }

  /** The reference. */
  @Override
  public String toString() {
    return reference;
  }
}
