package dev.billingidentity.role;

import dev.billingidentity.BillingIdentityException;

/**
 * Another writer kept changing the trust policy between this library's write and its read-back, more times than
 * allowed. Nothing of the other writer was removed; run apply again once the other writer is done.
 */
public final class ConcurrentTrustModificationException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;

  /** The trust policy of {@code roleName} kept changing under the library over {@code attempts} attempts. */
  public ConcurrentTrustModificationException(String roleName, int attempts) {
    super("the trust policy of role '" + roleName + "' was changed by another writer after each of " + attempts
        + " writes; giving up without losing the other writer's statements. Run apply again.");
  }
}
