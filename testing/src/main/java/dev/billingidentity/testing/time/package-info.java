/** Time that a test controls, for the fakes' delays and timestamps. */
package dev.billingidentity.testing.time;
