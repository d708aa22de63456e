/**
 * The Upbound Space side of the model: control planes, their host namespaces, and how a caller chooses which
 * control planes the library manages.
 */
@Value.Style(
    typeAbstract = "Abstract*",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    jdkOnly = true,
    // Nothing but @Override: Immutables' own @Generated is kept in the class files, and a consumer compiling with
    // -Xlint:all -Werror fails on it, since org.immutables:value is not on its classpath (compile-time only).
    allowedClasspathAnnotations = Override.class)
package dev.billingidentity.space;

import org.immutables.value.Value;
