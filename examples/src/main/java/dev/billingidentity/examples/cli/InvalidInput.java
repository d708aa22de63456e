package dev.billingidentity.examples.cli;

import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
import dev.billingidentity.validation.Problems;
import java.util.List;

/** Collects the CLI's input problems and ends the command with exit code 3 when there are any. */
final class InvalidInput {
  private InvalidInput() {}

  /** Throws an {@link InvalidInputException} listing every problem, if any. */
  static void check(Problems problems) {
    problems.throwIfAny();
  }

  /** Prints every problem, one a line, to stderr; returns the exit code. */
  static int report(InvalidInputException e, java.io.PrintWriter err) {
    List<Problem> problems = e.problems();
    err.println("invalid input (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
    problems.forEach(p -> err.println("  " + p));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
