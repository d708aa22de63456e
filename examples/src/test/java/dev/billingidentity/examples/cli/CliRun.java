package dev.billingidentity.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BillingIdentityCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** {@code first} then {@code more}: a command's arguments built from shared options. */
  static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  /** Runs the CLI on an in-memory Space. */
  static CliRun on(dev.billingidentity.testing.FakeSpace space, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BillingIdentityCli.run(new InMemoryBackends(space), new PrintWriter(out, true),
        new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
