package dev.billingidentity.examples.cli;

/** The CLI's exit codes: the interface scripts rely on. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int FAILURE = 1;
  /** With {@code --detailed-exitcode}: the plan has changes, or verify found drift. */
  static final int CHANGES = 2;
  /**
   * Invalid input: every problem is printed, one a line, and no write was made (no call at all for bad options; for a
   * role the library does not own or a malformed existing policy, only the reads that found it).
   */
  static final int INVALID_INPUT = 3;
}
