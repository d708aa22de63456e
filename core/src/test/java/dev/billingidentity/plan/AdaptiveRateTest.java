package dev.billingidentity.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rules of {@link AdaptiveRate}, on a clock of its own that only the test (and the pacing's waits) move. */
class AdaptiveRateTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final List<Duration> waits = new ArrayList<>();
  private final AdaptiveRate rate = new AdaptiveRate("EKS", now::get, d -> {
    waits.add(d);
    now.addAndGet(d.toNanos());
  });

  @Test
  void callsStartUnpacedUntilTheFirstThrottlingAnswer() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      rate.start();
      rate.answered();
    }

    assertThat(waits).isEmpty();
    assertThat(rate.rate()).isInfinite();
  }

  @Test
  void aThrottlingAnswerPacesAtFourFifthsOfWhatTheServiceAnsweredInTheLastSecond() throws InterruptedException {
    for (int i = 0; i < 30; i++) { // 30 answers 40 ms apart: the last 24 fall in the second before the throttle
      rate.start();
      rate.answered();
      now.addAndGet(40 * MS);
    }
    long started = rate.start();
    rate.throttled(started);

    assertThat(rate.rate()).isCloseTo(0.8 * 24, within(1e-9));
    rate.start();
    long second = rate.start();
    long third = rate.start();
    assertThat(third - second).isEqualTo((long) (1_000 * MS / (0.8 * 24)));
    assertThat(rate.throttledAnswers()).isEqualTo(1);
  }

  @Test
  void aThrottlingAnswerToACallThatStartedBeforeTheLastDecreaseLowersNothing() throws InterruptedException {
    for (int i = 0; i < 10; i++) {
      rate.answered();
    }
    long early = rate.start();
    long alsoEarly = rate.start();
    now.addAndGet(MS);
    rate.throttled(early);
    double lowered = rate.rate();

    rate.throttled(alsoEarly);

    assertThat(lowered).isCloseTo(8, within(1e-9));
    assertThat(rate.rate()).isEqualTo(lowered);
    assertThat(rate.throttledAnswers()).isEqualTo(2);
  }

  @Test
  void everyAnswerAfterThatRaisesThePaceATenthOfACallPerSecond() throws InterruptedException {
    for (int i = 0; i < 10; i++) {
      rate.answered();
    }
    rate.throttled(rate.start());
    for (int i = 0; i < 20; i++) {
      rate.start();
      rate.answered();
    }

    assertThat(rate.rate()).isCloseTo(8 + 2, within(1e-9));
  }

  @Test
  void throttledFromTheFirstCallItGuessesHalfOfWhatItTriedAndNeverStops() throws InterruptedException {
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      starts.add(rate.start());
    }
    starts.forEach(rate::throttled);

    assertThat(rate.rate()).isCloseTo(0.8 * 4, within(1e-9));
    for (int i = 0; i < 50; i++) {
      rate.throttled(rate.start());
    }
    assertThat(rate.rate()).isEqualTo(AdaptiveRate.MIN_RATE);
  }
}
