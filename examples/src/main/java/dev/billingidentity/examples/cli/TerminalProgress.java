package dev.billingidentity.examples.cli;

import dev.billingidentity.plan.ApplyProgress;
import dev.billingidentity.plan.Change;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress of a long apply on a terminal: one line on stderr, rewritten in place ({@code [ 120/1000] create pod
 * identity association ...}) at most every {@link #INTERVAL}, and always for the last change, then a line break.
 * Nothing at all when stderr is not a terminal, so that a piped or scripted run prints only its result.
 */
final class TerminalProgress implements ApplyProgress {
  /** How often the line is rewritten: often enough to look alive, rarely enough not to slow a terminal. */
  static final Duration INTERVAL = Duration.ofMillis(100);
  /** Applies this short print no progress: their result follows at once. */
  static final int MIN_CHANGES = 10;
  private static final int WIDTH = 100;

  private final PrintWriter err;
  private final Clock clock;
  private Instant last;
  /** Whether the last frame printed is still waiting for its line break. */
  private boolean lineOpen;

  TerminalProgress(PrintWriter err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  /** Progress on {@code err}. */
  static TerminalProgress on(PrintWriter err) {
    return new TerminalProgress(err, Clock.systemUTC());
  }

  @Override
  public synchronized void applied(Change change, int done, int total) {
    if (total < MIN_CHANGES) {
      return;
    }
    Instant now = clock.instant();
    boolean finished = done == total;
    if (!finished && last != null && Duration.between(last, now).compareTo(INTERVAL) < 0) {
      return;
    }
    last = now;
    String width = Integer.toString(String.valueOf(total).length());
    String line = String.format("[%" + width + "d/%d] %s", done, total, change.describe());
    if (line.length() > WIDTH) {
      line = line.substring(0, WIDTH - 3) + "...";
    }
    // \r and a padded line: the next update overwrites this one on the same terminal line.
    err.print("\r" + String.format("%-" + WIDTH + "s", line));
    lineOpen = true;
    if (finished) {
      endLine();
    }
    err.flush();
  }

  /** Ends the line when an apply stops short (a failure): its error message then starts on a line of its own. */
  @Override
  public synchronized void finished(int done, int total) {
    if (lineOpen) {
      endLine();
      err.flush();
    }
  }

  private void endLine() {
    err.println();
    lineOpen = false;
  }
}
