package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The progress line of long applies: rewritten in place, throttled, always showing the end. */
class TerminalProgressTest {
  private static final class Step implements Change {
    private final int n;

    Step(int n) {
      this.n = n;
    }

    @Override
    public String kind() {
      return "Step";
    }

    @Override
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("n", n);
    }

    @Override
    public String describe() {
      return "create pod identity association mxp-" + n + "-system/vector";
    }

    @Override
    public void apply(ApplyContext context) {}
  }

  private final StringWriter err = new StringWriter();
  private Instant now = Instant.parse("2026-11-29T10:00:00Z");
  private final TerminalProgress progress = new TerminalProgress(new PrintWriter(err, true),
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      });

  @Test
  void rewritesOneLineAtMostEveryIntervalAndEndsWithTheLastChange() {
    progress.applied(new Step(1), 1, 1000);
    progress.applied(new Step(2), 2, 1000);          // within the interval: not shown
    now = now.plus(TerminalProgress.INTERVAL);
    progress.applied(new Step(3), 3, 1000);
    progress.applied(new Step(1000), 1000, 1000);    // the last change is always shown

    String shown = err.toString();
    assertThat(shown).contains("\r[   1/1000] create pod identity association mxp-1-system/vector")
        .doesNotContain("mxp-2-system")
        .contains("\r[   3/1000] create pod identity association mxp-3-system/vector")
        .contains("\r[1000/1000] create pod identity association mxp-1000-system/vector");
    assertThat(shown).endsWith(System.lineSeparator()).doesNotContain("\n[");
  }

  @Test
  void anApplyThatStopsShortEndsItsLineSoTheErrorStartsOnItsOwn() {
    progress.applied(new Step(1), 1, 1000);
    progress.finished(1, 1000);
    progress.finished(1, 1000);

    assertThat(err.toString()).contains("mxp-1-system/vector").endsWith(System.lineSeparator())
        .containsOnlyOnce(System.lineSeparator());
  }

  @Test
  void aShortApplyShowsNoProgress() {
    progress.applied(new Step(1), 1, 3);
    progress.applied(new Step(3), 3, 3);

    assertThat(err.toString()).isEmpty();
  }
}
