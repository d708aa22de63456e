package dev.billingidentity.testing.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when the test moves it, for the fakes' time-based behaviour: IAM's propagation delay
 * ({@code InMemoryAws.visibilityDelay(Duration)}) and pod creation times ({@code InMemoryCluster.clock}). A test then
 * says "five seconds later" instead of sleeping. Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-11-28T19:00:00Z"));
 * InMemoryAws aws = new InMemoryAws().clock(clock).visibilityDelay(Duration.ofSeconds(5));
 * ...
 * clock.advance(Duration.ofSeconds(5));   // now EKS sees the new role
 * }</pre>
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock standing at {@code start}, in UTC. */
  public ManualClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward (or back, with a negative duration) and returns the new time. */
  public Instant advance(Duration by) {
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(instant);
  }

  /** The time the clock stands at. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** The zone of this clock (UTC unless changed with {@link #withZone}). */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same clock (moving together with this one) seen in another zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(now, zone);
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
