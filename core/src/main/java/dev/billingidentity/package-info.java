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
    jdkOnly = true,
    // Nothing but @Override: Immutables' own @Generated is kept in the class files, and a consumer compiling with
    // -Xlint:all -Werror fails on it, since org.immutables:value is not on its classpath (compile-time only).
    allowedClasspathAnnotations = Override.class)
package dev.billingidentity;

import org.immutables.value.Value;
