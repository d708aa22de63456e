/**
 * The fluent entry point ({@link dev.billingidentity.BillingIdentity}) and the settings of the two modes.
 *
 * <p>The settings' builders are written by hand ({@link dev.billingidentity.SettingsBuilder}): they take raw values
 * as well as value types and check them all together in {@code build()}. The builders Immutables generates are kept
 * package-private, under another name, as what those builders build with.
 */
@Value.Style(
    typeAbstract = "Abstract*",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builder = "new",
    typeBuilder = "GeneratedBuilder",
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    jdkOnly = true)
package dev.billingidentity;

import org.immutables.value.Value;
