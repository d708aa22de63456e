/**
 * Making the fakes fail and counting what they were asked: {@link dev.billingidentity.testing.fault.Faults} injects
 * throttling, server errors, crashes, latency and concurrent writers at a chosen call;
 * {@link dev.billingidentity.testing.fault.CallLog} counts calls by operation, reads apart from writes.
 */
package dev.billingidentity.testing.fault;
