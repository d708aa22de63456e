package dev.billingidentity.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.testing.FakeSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension by its own name, with the default size and the size on a parameter. */
@ExtendWith(BillingIdentityFakes.class)
class SpaceSizeOnParameterTest {
  @Test
  void aSpaceHasThreeControlPlanesUnlessSaidOtherwise(FakeSpace space) {
    assertThat(space.hostNamespaces()).hasSize(BillingIdentityFakes.DEFAULT_SPACE_SIZE);
  }

  @Test
  void theParameterSizesTheSpace(@SpaceSize(20) FakeSpace space) {
    assertThat(space.hostNamespaces()).hasSize(20);
    assertThat(space.cluster().allPods()).hasSize(20);
  }
}
