package dev.billingidentity.validation;

import dev.billingidentity.BillingIdentityException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule, found before any call to AWS or Kubernetes. Lists every problem at once so that a
 * caller can fix them all in one go; {@link #problems()} gives them one by one.
 */
public final class InvalidInputException extends BillingIdentityException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  /** Every problem found, in the order found. */
  public InvalidInputException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** {@return the problems, in the order they were found} Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.size() == 1
        ? "invalid input: " + problems.get(0)
        : "invalid input (" + problems.size() + " problems):\n"
            + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
