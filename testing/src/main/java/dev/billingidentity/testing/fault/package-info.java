/**
 * Making the fakes fail and counting what they were asked: {@link dev.billingidentity.testing.fault.Faults} injects
 * throttling, server errors, crashes, latency and concurrent writers at a chosen call, and limits each service's
 * request rate with a token bucket ({@link dev.billingidentity.testing.fault.RateLimit});
 * {@link dev.billingidentity.testing.fault.CallLog} counts calls by operation, reads apart from writes, throttled
 * answers apart from the accepted ones.
 */
package dev.billingidentity.testing.fault;
