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
  void aThrottlingAnswerPacesAtFourFifthsOfWhatTheServiceAnsweredInTheLastQuarterOfASecond()
      throws InterruptedException {
    for (int i = 0; i < 30; i++) { // 30 calls answered 20 ms apart; the last 12 fall in the 250 ms before the throttle
      rate.start();
      rate.answered();
      now.addAndGet(20 * MS);
    }
    long started = rate.start();
    rate.throttled(started);

    // 12 answers 20 ms apart: 50 a second
    assertThat(rate.rate()).isCloseTo(0.8 * 50, within(1e-6));
    rate.start();
    long second = rate.start();
    long third = rate.start();
    assertThat(third - second).isEqualTo(1_000 * MS / 40);
    assertThat(rate.throttledAnswers()).isEqualTo(1);
  }

  @Test
  void aThrottlingAnswerToACallThatStartedBeforeTheLastDecreaseLowersNothing() throws InterruptedException {
    long early = rate.start();
    now.addAndGet(100 * MS);
    long alsoEarly = rate.start();
    rate.answered();
    rate.throttled(early);
    double lowered = rate.rate();

    rate.throttled(alsoEarly);

    // one answer is no rate; two calls sent 100 ms apart are 10 a second, of which half
    assertThat(lowered).isCloseTo(0.8 * 5, within(1e-6));
    assertThat(rate.rate()).isEqualTo(lowered);
    assertThat(rate.throttledAnswers()).isEqualTo(2);
  }

  @Test
  void everyAnswerAfterThatRaisesThePaceATenthOfACallPerSecond() throws InterruptedException {
    long early = rate.start();
    now.addAndGet(100 * MS);
    rate.start();
    rate.answered();
    rate.throttled(early);
    double lowered = rate.rate();
    for (int i = 0; i < 20; i++) {
      rate.start();
      rate.answered();
    }

    assertThat(rate.rate()).isCloseTo(lowered + 2, within(1e-6));
  }

  @Test
  void throttledFromTheFirstCallsItGuessesHalfOfWhatItTriedAndComesDownTurnByTurn() throws InterruptedException {
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      starts.add(rate.start());
      now.addAndGet(MS);
    }
    starts.forEach(rate::throttled); // one decrease: the other seven started before it

    assertThat(rate.rate()).isCloseTo(0.8 * (7 / 0.007) / 2, within(1e-6)); // 8 sent 1 ms apart: 1,000 a second
    for (int i = 0; i < 100; i++) {
      rate.throttled(rate.start());
    }
    assertThat(rate.rate()).isEqualTo(AdaptiveRate.MIN_RATE);
  }
}
