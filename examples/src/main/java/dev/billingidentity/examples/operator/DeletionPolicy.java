package dev.billingidentity.examples.operator;

/** What deleting a {@code BillingIdentity} does to AWS ({@code spec.deletionPolicy}). */
public enum DeletionPolicy {
  /** Leave AWS as it is (the default): deleting the configuration must not take billing down by surprise. */
  RETAIN("Retain"),
  /** Remove what the library created for the resource's selection first, as {@code billing-identity destroy} does. */
  DELETE("Delete");

  private final String value;

  DeletionPolicy(String value) {
    this.value = value;
  }

  /** As written in the spec. */
  public String value() {
    return value;
  }
}
