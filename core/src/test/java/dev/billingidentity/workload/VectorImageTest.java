package dev.billingidentity.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.cluster.ContainerImage;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.workload.VectorImage.Support;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading vector's release from image references, as vector publishes them and as clusters name them. */
class VectorImageTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final VectorVersion MINIMUM = VectorVersion.MINIMUM_FOR_POD_IDENTITY;

  @ParameterizedTest(name = "{0} -> {1}, {2}")
  @CsvSource(delimiter = '|', textBlock = """
      timberio/vector:0.43.1                                              | 0.43.1  | TOO_OLD
      timberio/vector:0.36.1-debian                                       | 0.36.1  | TOO_OLD
      timberio/vector:0.45.9-alpine                                       | 0.45.9  | TOO_OLD
      timberio/vector:0.46.0-distroless-libc                              | 0.46.0  | SUPPORTED
      timberio/vector:0.47.0-debian                                       | 0.47.0  | SUPPORTED
      timberio/vector:0.47.0-distroless-libc                              | 0.47.0  | SUPPORTED
      timberio/vector:0.47.0-distroless-static                            | 0.47.0  | SUPPORTED
      timberio/vector:0.47.0-alpine                                       | 0.47.0  | SUPPORTED
      timberio/vector:1.0.0                                               | 1.0.0   | SUPPORTED
      timberio/vector:v0.48.2-debian                                      | 0.48.2  | SUPPORTED
      docker.io/timberio/vector:0.43.1-debian                             | 0.43.1  | TOO_OLD
      registry.example.com:5000/timberio/vector:0.46.1-alpine             | 0.46.1  | SUPPORTED
      registry.example.com:5000/timberio/vector:0.45.0-alpine             | 0.45.0  | TOO_OLD
      public.ecr.aws/mirror/vector:0.47.0-debian                          | 0.47.0  | SUPPORTED
      localhost:5000/vector:0.40.0                                        | 0.40.0  | TOO_OLD
      timberio/vector:0.47.X-debian                                       | 0.47.X  | SUPPORTED
      timberio/vector:0.46.x-alpine                                       | 0.46.X  | SUPPORTED
      timberio/vector:0.45.X-debian                                       | 0.45.X  | TOO_OLD
      timberio/vector:latest                                              | unknown | UNKNOWN
      timberio/vector:latest-debian                                       | unknown | UNKNOWN
      timberio/vector:nightly                                             | unknown | UNKNOWN
      timberio/vector:nightly-2026-11-30-debian                           | unknown | UNKNOWN
      timberio/vector                                                     | unknown | UNKNOWN
      registry.example.com:5000/timberio/vector                           | unknown | UNKNOWN
      timberio/vector:0.47.0-custom                                       | unknown | UNKNOWN
      timberio/vector:0.47                                                | unknown | UNKNOWN
      acme/billing-agent:0.47.0                                           | unknown | UNKNOWN
      acme/vector-patched:0.47.0-debian                                   | unknown | UNKNOWN
      ''                                                                  | unknown | UNKNOWN
      """)
  void readsTheReleaseFromTheTagAndComparesItWithTheMinimum(String reference, String version, Support support) {
    VectorImage image = VectorImage.parse(reference);

    assertThat(image.versionText()).isEqualTo(version);
    assertThat(image.support(MINIMUM)).isEqualTo(support);
    assertThat(image.whyUnknown(MINIMUM).isPresent()).isEqualTo(support == Support.UNKNOWN);
  }

  @Test
  void aDigestAloneIsUnknownAndATagBeforeADigestIsRead() {
    VectorImage pinned = VectorImage.parse("timberio/vector@" + DIGEST);
    VectorImage tagged = VectorImage.parse("timberio/vector:0.46.0-debian@" + DIGEST);
    VectorImage oldTagged = VectorImage.parse("registry.example.com:5000/timberio/vector:0.43.1@" + DIGEST);

    assertThat(pinned.support(MINIMUM)).isEqualTo(Support.UNKNOWN);
    assertThat(pinned.tag()).isEmpty();
    assertThat(pinned.digest()).contains(DIGEST);
    assertThat(pinned.whyUnknown(MINIMUM)).hasValueSatisfying(why -> assertThat(why).contains("digest"));
    assertThat(tagged.version()).contains(new VectorVersion(0, 46, 0));
    assertThat(tagged.support(MINIMUM)).isEqualTo(Support.SUPPORTED);
    assertThat(tagged.repository()).isEqualTo("timberio/vector");
    assertThat(oldTagged.version()).contains(new VectorVersion(0, 43, 1));
    assertThat(oldTagged.repository()).isEqualTo("registry.example.com:5000/timberio/vector");
  }

  @Test
  void aSeriesTagIsUnknownWhenTheMinimumIsAPatchWithinIt() {
    VectorVersion patchMinimum = new VectorVersion(0, 46, 2);

    assertThat(VectorImage.parse("timberio/vector:0.46.X-debian").support(patchMinimum)).isEqualTo(Support.UNKNOWN);
    assertThat(VectorImage.parse("timberio/vector:0.46.X-debian").whyUnknown(patchMinimum))
        .hasValueSatisfying(why -> assertThat(why).contains("0.46.X").contains("0.46.2"));
    assertThat(VectorImage.parse("timberio/vector:0.47.X-debian").support(patchMinimum))
        .isEqualTo(Support.SUPPORTED);
    assertThat(VectorImage.parse("timberio/vector:0.45.X-debian").support(patchMinimum)).isEqualTo(Support.TOO_OLD);
    assertThat(VectorImage.parse("timberio/vector:0.46.X-debian").version()).isEmpty();
  }

  @Test
  void vectorsContainerIsTheOneNamedVectorElseTheOneVectorImageElseTheOnlyOne() {
    ContainerImage vector = new ContainerImage("vector", "timberio/vector:0.43.1");
    ContainerImage sidecar = new ContainerImage("istio-proxy", "docker.io/istio/proxyv2:1.24.0");
    ContainerImage renamed = new ContainerImage("billing", "timberio/vector:0.47.0-debian");
    ContainerImage custom = new ContainerImage("billing", "acme/billing-agent:2.0.0");

    assertThat(VectorImage.vectorContainer(List.of(sidecar, vector))).contains(vector);
    assertThat(VectorImage.vectorContainer(List.of(sidecar, renamed))).contains(renamed);
    assertThat(VectorImage.vectorContainer(List.of(custom))).contains(custom);
    assertThat(VectorImage.vectorContainer(List.of(sidecar, custom))).isEmpty();
    assertThat(VectorImage.vectorContainer(List.of())).isEmpty();
  }

  @Test
  void versionsAreOrderedAsReleasesAndAMalformedOneIsRefusedNamingTheField() {
    assertThat(VectorVersion.parse("minimum", "0.46.0")).isEqualTo(VectorVersion.MINIMUM_FOR_POD_IDENTITY);
    assertThat(new VectorVersion(0, 46, 0).atLeast(new VectorVersion(0, 45, 99))).isTrue();
    assertThat(new VectorVersion(0, 9, 0)).isLessThan(new VectorVersion(0, 10, 0));
    assertThat(new VectorVersion(1, 0, 0)).isGreaterThan(new VectorVersion(0, 99, 99));
    assertThat(VectorVersion.MINIMUM_FOR_POD_IDENTITY).hasToString("0.46.0");
    assertThatThrownBy(() -> VectorVersion.parse("minimumVectorVersionForPodIdentity", "0.46"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("minimumVectorVersionForPodIdentity").hasMessageContaining("\"0.46\"")
        .hasMessageContaining("MAJOR.MINOR.PATCH");
  }
}
