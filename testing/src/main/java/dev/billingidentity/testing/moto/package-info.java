/** moto's server, an independent AWS emulator, as a second peer for the SDK adapters' contract tests. */
package dev.billingidentity.testing.moto;
