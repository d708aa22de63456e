/**
 * The Upbound Space side of the model: control planes, their host namespaces, and how a caller chooses which
 * control planes the library manages.
 */
@Value.Style(
    typeAbstract = "Abstract*",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    jdkOnly = true)
package dev.billingidentity.space;

import org.immutables.value.Value;
