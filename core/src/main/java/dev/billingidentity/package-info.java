/**
 * The fluent entry point ({@link dev.billingidentity.BillingIdentity}) and the settings of the two modes.
 */
@Value.Style(
    typeAbstract = "Abstract*",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    jdkOnly = true)
package dev.billingidentity;

import org.immutables.value.Value;
