package dev.billingidentity.role;

import dev.billingidentity.BillingIdentityException;

/**
 * The role exists but the library did not create it (it lacks the ownership tag). The library will not take over
 * someone else's role on its own; adopt it explicitly ({@code adoptExistingRole(true)}) or choose another name.
 */
public final class RoleNotOwnedException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;

  /** The role {@code roleName} exists and the library does not own it. */
  public RoleNotOwnedException(String roleName) {
    super("role '" + roleName + "' exists and is not managed by billing-identity (no tag " + Ownership.TAG_KEY + "="
        + Ownership.TAG_VALUE + "); refusing to change it. Adopt it explicitly (settings adoptExistingRole(true), "
        + "CLI --adopt-role) or choose another role name.");
  }
}
