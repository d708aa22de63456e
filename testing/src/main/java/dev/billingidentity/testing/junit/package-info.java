/**
 * JUnit 5 support: {@link dev.billingidentity.testing.junit.WithFakes} (or
 * {@code @ExtendWith(BillingIdentityFakes.class)}) injects fresh fakes into each test.
 */
package dev.billingidentity.testing.junit;
