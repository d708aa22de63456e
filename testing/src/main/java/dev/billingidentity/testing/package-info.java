/**
 * Test support for code that uses billing-identity: in-memory fakes of AWS ({@code aws}) and of a Space's host
 * cluster ({@code cluster}) that fail the way the real services fail, a whole Space in one line
 * ({@link dev.billingidentity.testing.FakeSpace}), fault injection and call logs ({@code fault}), controllable time
 * ({@code time}), a JUnit 5 extension ({@code junit}), and the contract kits every implementation of a port must pass
 * ({@code contract}).
 */
package dev.billingidentity.testing;
