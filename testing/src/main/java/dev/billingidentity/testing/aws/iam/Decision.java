package dev.billingidentity.testing.aws.iam;

import java.util.List;
import java.util.Objects;

/**
 * What IAM's evaluation decided, and why: the statement that allowed or explicitly denied the request (its
 * {@code Sid}, or its position {@code #1}, {@code #2}, ... when it has none), or none for an implicit deny.
 *
 * @param outcome allowed, explicitly denied, or implicitly denied (no statement allowed it)
 * @param statement the deciding statement, or empty for an implicit deny
 * @param notes what the evaluation could not model and treated as not matching (see {@link Conditions})
 */
public record Decision(Outcome outcome, String statement, List<String> notes) {
  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(statement, "statement");
    notes = List.copyOf(notes);
  }

  /** IAM's three outcomes (policy evaluation logic). */
  public enum Outcome {
    /** An {@code Allow} statement matched and no {@code Deny} did. */
    ALLOWED,
    /** A {@code Deny} statement matched: it wins over every {@code Allow}. */
    EXPLICIT_DENY,
    /** No statement allowed the request: denied by default. */
    IMPLICIT_DENY
  }

  /** Whether the request is allowed. */
  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }
}
