package dev.billingidentity.testing.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Fault injection for a fake: throttle the next N calls of an operation, or a share of them; fail call K of an
 * operation; run something just before call K (a concurrent writer, say); add latency. {@code "*"} as the operation
 * means every operation. Thread-safe; a share of calls is drawn from a seeded {@link Random} so tests repeat.
 */
public final class Faults {
  /** Any operation. */
  public static final String ANY = "*";

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> throttleNext = new ConcurrentHashMap<>();
  private final Map<String, Double> throttleShare = new ConcurrentHashMap<>();
  private final Map<String, Duration> latency = new ConcurrentHashMap<>();
  private final List<Trigger> triggers = new ArrayList<>();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile int failingWrite;
  private volatile Supplier<? extends RuntimeException> writeFailure;
  private Random random = new Random(42);

  private record Trigger(String operation, int call, Runnable action) {}

  /** Throttles the next {@code n} calls of {@code operation}. */
  public Faults throttleNext(String operation, int n) {
    throttleNext.put(operation, new AtomicInteger(n));
    return this;
  }

  /** Throttles a share (0..1) of the calls of {@code operation}, drawn with the given seed. */
  public synchronized Faults throttleShare(String operation, double share, long seed) {
    throttleShare.put(operation, share);
    random = new Random(seed);
    return this;
  }

  /** Fails call {@code k} (1-based, counted from now) of {@code operation} with {@code failure}. */
  public Faults failCall(String operation, int k, Supplier<? extends RuntimeException> failure) {
    return beforeCall(operation, k, () -> {
      throw failure.get();
    });
  }

  /** Runs {@code action} just before call {@code k} (1-based, counted from now) of {@code operation}. */
  public synchronized Faults beforeCall(String operation, int k, Runnable action) {
    triggers.add(new Trigger(operation, count(operation) + k, action));
    return this;
  }

  /**
   * Fails the {@code k}-th write (1-based, counted from now, whatever its operation) with {@code failure}: a crash
   * between two changes of a plan, for crash-at-every-step tests.
   */
  public synchronized Faults failWrite(int k, Supplier<? extends RuntimeException> failure) {
    this.writeFailure = failure;
    this.failingWrite = writes.get() + k;
    return this;
  }

  /** Adds {@code delay} to every call of {@code operation}. */
  public Faults latency(String operation, Duration delay) {
    latency.put(operation, delay);
    return this;
  }

  /** Removes every fault (the call numbering goes on). */
  public synchronized void clear() {
    throttleNext.clear();
    throttleShare.clear();
    latency.clear();
    triggers.clear();
    failingWrite = 0;
  }

  /**
   * Called by the fake at the start of every call: fails a chosen write, sleeps, runs triggers, and says whether to
   * throttle this call.
   *
   * @return true when the call must answer with throttling
   */
  public boolean onCall(String operation, boolean write) {
    int n = calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    if (write && writes.incrementAndGet() == failingWrite) {
      throw writeFailure.get();
    }
    Duration delay = latency.getOrDefault(operation, latency.get(ANY));
    if (delay != null && !delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      triggers.removeIf(t -> {
        boolean hit = t.operation.equals(operation) && t.call == n;
        if (hit) {
          due.add(t.action);
        }
        return hit;
      });
    }
    due.forEach(Runnable::run);
    for (String key : new String[] {operation, ANY}) {
      AtomicInteger left = throttleNext.get(key);
      if (left != null && left.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
        return true;
      }
    }
    Double share = throttleShare.getOrDefault(operation, throttleShare.get(ANY));
    if (share != null) {
      synchronized (this) {
        return random.nextDouble() < share;
      }
    }
    return false;
  }

  private int count(String operation) {
    AtomicInteger c = calls.get(operation);
    return c == null ? 0 : c.get();
  }
}
