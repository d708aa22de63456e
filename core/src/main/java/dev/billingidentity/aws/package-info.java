/**
 * AWS values of the library's model: the billing bucket, the account and its partition, the IAM role and the
 * cluster's OIDC issuer. Each is validated when built, before any I/O.
 */
@Value.Style(
    typeAbstract = "Abstract*",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true),
    jdkOnly = true,
    // Nothing but @Override: Immutables' own @Generated is kept in the class files, and a consumer compiling with
    // -Xlint:all -Werror fails on it, since org.immutables:value is not on its classpath (compile-time only).
    allowedClasspathAnnotations = Override.class)
package dev.billingidentity.aws;

import org.immutables.value.Value;
