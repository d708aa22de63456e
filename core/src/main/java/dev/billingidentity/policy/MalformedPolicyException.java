package dev.billingidentity.policy;

import dev.billingidentity.BillingIdentityException;

/**
 * A policy document that the library cannot read without guessing: invalid JSON, duplicate keys, a missing or
 * misshapen {@code Statement}, or elements IAM does not know. The library refuses to rewrite such a policy rather
 * than risk changing what someone else's statement means.
 */
public final class MalformedPolicyException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;

  /** A policy that cannot be read, and why. */
  public MalformedPolicyException(String message) {
    super("malformed policy document: " + message);
  }

  /** A policy that cannot be read, why, and the parser's error. */
  public MalformedPolicyException(String message, Throwable cause) {
    super("malformed policy document: " + message, cause);
  }
}
