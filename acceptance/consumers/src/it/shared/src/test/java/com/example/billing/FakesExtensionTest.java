package com.example.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.junit.BillingIdentityFakes;
import dev.billingidentity.testing.junit.SpaceSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** billing-identity-testing's JUnit extension on the consumer's own JUnit, as the README shows it. */
@ExtendWith(BillingIdentityFakes.class)
class FakesExtensionTest {

  @Test
  void setsUpBillingOnce(@SpaceSize(3) FakeSpace space) {
    BillingIdentity billing = BillingSetUp.irsa(space.aws().backend(), space.cluster());

    assertThat(billing.apply().applied()).isNotEmpty();
    assertThat(billing.apply().calls().writes()).isZero();
  }
}
