package dev.billingidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
import dev.billingidentity.workload.VectorVersion;
import org.junit.jupiter.api.Test;

/** The Pod Identity settings' minimum vector release: 0.46.0 by default, overridable as a value or a raw string. */
class MinimumVectorVersionSettingTest {
  private static PodIdentitySettings.Builder settings() {
    return PodIdentitySettings.builder().cluster("spaces-prod").roleName("spaces-billing").bucket("acme-billing")
        .region("us-east-1");
  }

  @Test
  void isTheFirstReleaseThatCanUsePodIdentityUnlessGiven() {
    assertThat(settings().build().minimumVectorVersionForPodIdentity()).hasToString("0.46.0")
        .isEqualTo(VectorVersion.MINIMUM_FOR_POD_IDENTITY);
    assertThat(settings().minimumVectorVersionForPodIdentity(new VectorVersion(0, 47, 0)).build()
        .minimumVectorVersionForPodIdentity()).hasToString("0.47.0");
    assertThat(settings().minimumVectorVersionForPodIdentity("0.48.1").build()
        .minimumVectorVersionForPodIdentity()).isEqualTo(new VectorVersion(0, 48, 1));
  }

  @Test
  void aRawValueThatIsNoReleaseIsReportedWithTheOtherProblems() {
    assertThatThrownBy(() -> settings().region("mars-1").minimumVectorVersionForPodIdentity("latest").build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).extracting(Problem::field)
            .contains("storage.region", "minimumVectorVersionForPodIdentity"))
        .hasMessageContaining("\"latest\"").hasMessageContaining("MAJOR.MINOR.PATCH");
  }
}
