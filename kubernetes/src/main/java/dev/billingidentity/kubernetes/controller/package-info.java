/**
 * A leader-elected controller ({@link dev.billingidentity.kubernetes.controller.BillingIdentityController}) that
 * runs a caller-given {@link dev.billingidentity.kubernetes.controller.Reconciler} when control planes or their host
 * namespaces change.
 */
package dev.billingidentity.kubernetes.controller;
