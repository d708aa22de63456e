package dev.billingidentity;

/**
 * Root of every exception the library throws on purpose. Catch it to handle any failure of the library; catch a
 * subtype ({@link dev.billingidentity.validation.InvalidInputException}, an AWS or cluster failure) to handle one
 * kind. Messages never contain credentials or tokens.
 */
public class BillingIdentityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its message. */
  public BillingIdentityException(String message) {
    super(message);
  }

  /** An error with its message and its cause. */
  public BillingIdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
