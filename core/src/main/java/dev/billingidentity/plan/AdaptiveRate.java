package dev.billingidentity.plan;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate at which one AWS service (EKS, IAM, ...) answers this caller without throttling, learnt from its answers,
 * and the pacing of the calls' starts to it. AWS throttles with a token bucket per account and API whose rate it does
 * not publish and which differs per account (FACTS.md), so a fixed concurrency is either too slow or throttled: calls
 * start unpaced (as many at once as the threads, {@link ApplyOptions#concurrency()}, allow); a throttling answer sets
 * the rate to four fifths of what the service answered in the last quarter of a second (which, with its bucket empty,
 * is the bucket's refill rate), or of half what was sent, whichever is more; every answer after that raises it a
 * little (10% a second), and the next throttling answer lowers it again. The calls in flight at once are then the
 * rate times the latency, never more than the threads: concurrency that adapts to the account.
 *
 * <p>Thread-safe. The throttled call itself is retried by {@link Retry} (or the SDK), after its backoff and then at
 * this pace; a throttling answer to a call that started before the last decrease says nothing new and lowers nothing.
 */
public final class AdaptiveRate {
  private static final Logger LOG = LoggerFactory.getLogger(AdaptiveRate.class);
  /** The share of the measured rate kept after a throttling answer. */
  static final double DECREASE = 0.8;
  /** Added to the rate (calls per second) per answer: 10% a second, whatever the rate. */
  static final double INCREASE_PER_ANSWER = 0.1;
  /** The slowest pace: one call every two seconds. */
  static final double MIN_RATE = 0.5;
  private static final long SECOND = 1_000_000_000L;
  /** How far back answers and calls count for the rate: a quarter of a second. */
  private static final long WINDOW = SECOND / 4;

  private final String service;
  private final LongSupplier nanoTime;
  private final Retry.Sleeper sleeper;
  private final Deque<Long> answers = new ArrayDeque<>();
  private final Deque<Long> starts = new ArrayDeque<>();
  private double rate = Double.POSITIVE_INFINITY;
  private long nextStart;
  private long lastDecrease = Long.MIN_VALUE;
  private long decreases;
  private long throttled;

  /**
   * The rate of {@code service}, timed by {@code nanoTime} (a {@link System#nanoTime()}), waiting with
   * {@code sleeper}.
   */
  public AdaptiveRate(String service, LongSupplier nanoTime, Retry.Sleeper sleeper) {
    this.service = service;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /**
   * Waits for this call's turn and returns when it started (to hand to {@link #throttled(long)}). A call that waited
   * for a turn given at a pace since lowered takes a turn at the new pace: its throttling answer would say nothing new.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public long start() throws InterruptedException {
    while (true) {
      long wait;
      long epoch;
      synchronized (this) {
        long now = nanoTime.getAsLong();
        wait = 0;
        if (!Double.isInfinite(rate)) {
          long slot = Math.max(now, nextStart);
          nextStart = slot + (long) (SECOND / rate);
          wait = slot - now;
        }
        epoch = decreases;
        if (wait <= 0) {
          return started(now);
        }
      }
      sleeper.sleep(Duration.ofNanos(wait));
      synchronized (this) {
        if (epoch == decreases) {
          return started(nanoTime.getAsLong());
        }
      }
    }
  }

  private long started(long now) {
    starts.addLast(now);
    trim(now);
    return now;
  }

  /** The service answered (anything but throttling): the rate goes up a little. */
  public synchronized void answered() {
    long now = nanoTime.getAsLong();
    answers.addLast(now);
    trim(now);
    if (!Double.isInfinite(rate)) {
      rate += INCREASE_PER_ANSWER;
    }
  }

  /**
   * The service throttled the call that started at {@code startedAt}: the rate goes down to {@link #DECREASE} of what
   * the service answered of late (and never up), unless the call started before the last decrease.
   */
  public synchronized void throttled(long startedAt) {
    throttled++;
    long now = nanoTime.getAsLong();
    trim(now);
    if (startedAt <= lastDecrease) {
      return;
    }
    // With its bucket empty, a service answers at its refill rate: what it answered of late (a quarter of a second,
    // so that a quiet moment before a burst does not count), and never less than half of what this caller tried of
    // late, as TCP halves its window (throttled from the first calls of a burst, or someone else emptied the bucket,
    // it answered next to nothing). Either may be too high after a burst: each throttling answer to a call started
    // at the new pace lowers it again, so the pace comes down to the service's in a few turns (a fifth of a second
    // at 20 calls a second).
    double measured = Math.max(perSecond(answers), perSecond(starts) / 2);
    double lowered = Math.max(MIN_RATE, DECREASE * Math.min(measured, rate));
    LOG.debug("{} throttled: pacing at {} calls/s (was {}; {} answered, {} sent in the last 250 ms)", service,
        String.format(java.util.Locale.ROOT, "%.1f", lowered), rate, answers.size(), starts.size());
    rate = lowered;
    lastDecrease = now;
    decreases++;
    // The turns given at the old pace are taken again at the new one (start()), so the next is counted from now.
    nextStart = now + (long) (SECOND / rate);
  }

  /** {@return the pace in calls per second; infinite while nothing was throttled} */
  public synchronized double rate() {
    return rate;
  }

  /** {@return how many throttling answers this rate was told of} */
  public synchronized long throttledAnswers() {
    return throttled;
  }

  /**
   * Calls per second in {@code window} (the last {@link #WINDOW}'s): the intervals between them over their span; no
   * rate from fewer than two.
   */
  private static double perSecond(Deque<Long> window) {
    if (window.size() < 2) {
      return 0;
    }
    return (window.size() - 1) / Math.max(0.001, (window.peekLast() - window.peekFirst()) / (double) SECOND);
  }

  private void trim(long now) {
    for (Deque<Long> window : java.util.List.of(answers, starts)) {
      while (!window.isEmpty() && window.peekFirst() <= now - WINDOW) {
        window.removeFirst();
      }
    }
  }
}
