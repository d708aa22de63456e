package dev.billingidentity.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many provisioned control planes the {@link BillingIdentityFakes} Space of a test has (3 unless set), on the
 * parameter, the test method or the test class; the nearest wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface SpaceSize {
  /** The number of provisioned control planes. */
  int value();
}
