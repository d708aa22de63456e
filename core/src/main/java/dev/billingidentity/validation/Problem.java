package dev.billingidentity.validation;

import java.util.Objects;

/**
 * One thing wrong with one input: which field, what value it had, and which rule it breaks.
 *
 * @param field the input's name as the caller knows it, e.g. {@code storage.bucket}
 * @param value the offending value as given (never a secret: the library takes no secrets as input)
 * @param rule what the value must satisfy, in words, e.g. {@code 3 to 63 characters}
 */
public record Problem(String field, String value, String rule) {
  /** Refuses a null field or rule. */
  public Problem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
  }

  /** Renders as {@code field 'storage.bucket' = "My_Bucket": must be lowercase ...}. */
  @Override
  public String toString() {
    return "field '" + field + "' = " + (value == null ? "null" : '"' + value + '"') + ": " + rule;
  }
}
