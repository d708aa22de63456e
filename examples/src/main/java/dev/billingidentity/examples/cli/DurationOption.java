package dev.billingidentity.examples.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as people write it on a command line: {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 1h}, {@code 500ms}. */
final class DurationOption {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|h|m|s)");

  private DurationOption() {}

  /** The duration {@code text} says, or empty when it is not one (units in decreasing order, each at most once). */
  static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    int lastRank = Integer.MAX_VALUE;
    while (m.find() && m.start() == end) {
      int rank = rank(m.group(2));
      if (rank >= lastRank) {
        return Optional.empty();
      }
      lastRank = rank;
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMillis(n);
      });
      end = m.end();
    }
    return end == text.length() ? Optional.of(total) : Optional.empty();
  }

  private static int rank(String unit) {
    return switch (unit) {
      case "h" -> 3;
      case "m" -> 2;
      case "s" -> 1;
      default -> 0;
    };
  }
}
