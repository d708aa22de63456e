package dev.billingidentity.testing.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The faults a fake injects into its own calls, so that a test can make AWS or the API server fail exactly where it
 * wants: throttle the next N calls of an operation or a share of them, fail call K (with the service's 500 or any
 * exception), fail the K-th write whatever it is, run something just before call K (a concurrent writer in a race
 * test), or slow calls down. Operations are the service's names ({@code GetRole}, {@code CreatePodIdentityAssociation});
 * {@link #ANY} means every operation. And rate limits as AWS enforces them: a token bucket per service
 * ({@link #rateLimit(String, RateLimit)}), each request that finds its service's bucket empty answered at once with
 * that service's throttling error, on a clock a test can move ({@link #clock(Clock)}).
 *
 * <p>Call numbers count from the moment a fault is set, so a test can set a fault half-way through. A share of calls
 * is drawn from a {@link Random} seeded per operation, so a failing run repeats. Thread-safe: the strategies call the
 * ports from several threads, and each call gets its own number.
 */
public final class Faults {
  /** Any operation. */
  public static final String ANY = "*";

  private final FaultAnswers answers;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> throttleNext = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
  private final Map<String, Share> throttleShare = new ConcurrentHashMap<>();
  private final Map<String, Duration> latency = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> rateLimits = new ConcurrentHashMap<>();
  private volatile LongSupplier nanos = System::nanoTime;
  private final List<Trigger> triggers = new ArrayList<>();
  private final AtomicInteger writes = new AtomicInteger();
  private int failingWrite;
  private Supplier<? extends RuntimeException> writeFailure;

  private record Trigger(String operation, int call, Runnable action) {}

  /** A share of calls, drawn from its own seeded random so that each operation's draws repeat. */
  private static final class Share {
    private final double share;
    private final Random random;

    Share(double share, long seed) {
      this.share = share;
      this.random = new Random(seed);
    }

    synchronized boolean draw() {
      return random.nextDouble() < share;
    }
  }

  /** Faults that the owning fake answers with {@code answers}. */
  public Faults(FaultAnswers answers) {
    this.answers = Objects.requireNonNull(answers, "answers");
  }

  /** Throttles the next {@code n} calls of {@code operation}, as a service does under a burst. */
  public Faults throttleNext(String operation, int n) {
    throttleNext.put(operation, new AtomicInteger(n));
    return this;
  }

  /**
   * Throttles a share (0 to 1) of the calls of {@code operation}, drawn from a random seeded with {@code seed}: a
   * steady storm that retries must ride out, the same in every run.
   */
  public Faults throttleShare(String operation, double share, long seed) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
    }
    throttleShare.put(operation, new Share(share, seed));
    return this;
  }

  /** Answers the next {@code n} calls of {@code operation} with the service's 500: a burst of server errors. */
  public Faults failNext(String operation, int n) {
    failNext.put(operation, new AtomicInteger(n));
    return this;
  }

  /** Answers call {@code k} (1-based, counted from now) of {@code operation} with the service's 500. */
  public Faults failCall(String operation, int k) {
    return failCall(operation, k, () -> answers.serverError(operation));
  }

  /**
   * Fails call {@code k} (1-based, counted from now) of {@code operation} with {@code failure}: an AWS error, or any
   * exception standing for a crash of the caller's process at that point.
   */
  public Faults failCall(String operation, int k, Supplier<? extends RuntimeException> failure) {
    return beforeCall(operation, k, () -> {
      throw failure.get();
    });
  }

  /**
   * Runs {@code action} on the calling thread just before call {@code k} (1-based, counted from now) of
   * {@code operation} does its work: the moment to play a concurrent writer (e.g. another process replacing the
   * trust policy between this caller's read and its write).
   */
  public synchronized Faults beforeCall(String operation, int k, Runnable action) {
    if (k < 1) {
      throw new IllegalArgumentException("calls are numbered from 1, was " + k);
    }
    triggers.add(new Trigger(operation, count(operation) + k, action));
    return this;
  }

  /**
   * Fails the {@code k}-th write (1-based, counted from now, whatever its operation) with {@code failure}: a crash
   * between two changes of a plan, for crash-at-every-step tests.
   */
  public synchronized Faults failWrite(int k, Supplier<? extends RuntimeException> failure) {
    this.writeFailure = Objects.requireNonNull(failure, "failure");
    this.failingWrite = writes.get() + k;
    return this;
  }

  /** Adds {@code delay} to every call of {@code operation} (or of every operation, with {@link #ANY}). */
  public Faults latency(String operation, Duration delay) {
    latency.put(operation, delay);
    return this;
  }

  /**
   * Limits the requests to {@code service} (one of the owning fake's services, e.g. {@code EKS} or {@code IAM} for the
   * AWS fake; {@link #ANY} for a fake of one service) with a token bucket, as AWS does: full at first, refilled at the
   * limit's rate, and every call that finds it empty is answered with the service's throttling error without waiting
   * (after the {@linkplain #latency latency}, as any answer). Replaces the service's previous limit, with a full bucket.
   *
   * @throws IllegalArgumentException for a service the fake does not answer for
   */
  public Faults rateLimit(String service, RateLimit limit) {
    Objects.requireNonNull(limit, "limit");
    requireService(service);
    rateLimits.put(service, new TokenBucket(limit, nanos));
    return this;
  }

  /** Lifts the rate limit of {@code service}, if it has one. */
  public Faults removeRateLimit(String service) {
    requireService(service);
    rateLimits.remove(service);
    return this;
  }

  /** The rate limit of {@code service}, or empty when its requests are not limited. */
  public Optional<RateLimit> rateLimit(String service) {
    return Optional.ofNullable(rateLimits.get(service)).map(TokenBucket::limit);
  }

  /**
   * The clock whose time refills the rate limits set from now on (a monotonic one, {@link System#nanoTime()}, by
   * default): a {@code ManualClock} lets a test say "one second later" instead of sleeping.
   */
  public Faults clock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.nanos = () -> nanosOf(clock.instant());
    return this;
  }

  private static long nanosOf(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private void requireService(String service) {
    Objects.requireNonNull(service, "service");
    if (!answers.services().contains(service)) {
      throw new IllegalArgumentException("service must be one of " + new TreeSet<>(answers.services()) + ", was "
          + service);
    }
  }

  /** Removes every fault and rate limit; call numbers go on counting, so faults set afterwards count from then. */
  public synchronized void clear() {
    rateLimits.clear();
    throttleNext.clear();
    failNext.clear();
    throttleShare.clear();
    latency.clear();
    triggers.clear();
    failingWrite = 0;
    writeFailure = null;
  }

  /**
   * Called by the fake at the start of every call, after logging it: takes a token of the service's rate limit, waits
   * the latency, runs what is due before this call, and throws when the call must fail.
   *
   * @throws RuntimeException the injected failure, or the service's throttling or server error
   */
  public void onCall(String operation, boolean write) {
    // The bucket is looked at when the request arrives; its answer, throttled or not, comes after the latency.
    TokenBucket bucket = rateLimits.isEmpty() ? null : rateLimits.get(answers.service(operation));
    boolean admitted = bucket == null || bucket.tryTake();
    int n = calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    int nAny = calls.computeIfAbsent(ANY, k -> new AtomicInteger()).incrementAndGet();
    if (write) {
      Supplier<? extends RuntimeException> failure = null;
      synchronized (this) {
        if (writes.incrementAndGet() == failingWrite) {
          failure = writeFailure;
        }
      }
      if (failure != null) {
        throw failure.get();
      }
    }
    sleep(latency.getOrDefault(operation, latency.get(ANY)));
    for (Runnable action : due(operation, n, nAny)) {
      action.run();
    }
    if (!admitted) {
      throw answers.throttling(operation);
    }
    if (takeOne(throttleNext, operation)) {
      throw answers.throttling(operation);
    }
    if (takeOne(failNext, operation)) {
      throw answers.serverError(operation);
    }
    Share share = throttleShare.getOrDefault(operation, throttleShare.get(ANY));
    if (share != null && share.draw()) {
      throw answers.throttling(operation);
    }
  }

  private synchronized List<Runnable> due(String operation, int n, int nAny) {
    List<Runnable> due = new ArrayList<>();
    triggers.removeIf(t -> {
      boolean hit = (t.operation.equals(operation) && t.call == n) || (t.operation.equals(ANY) && t.call == nAny);
      if (hit) {
        due.add(t.action);
      }
      return hit;
    });
    return due;
  }

  private static boolean takeOne(Map<String, AtomicInteger> budgets, String operation) {
    for (String key : new String[] {operation, ANY}) {
      AtomicInteger left = budgets.get(key);
      if (left != null && left.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
        return true;
      }
    }
    return false;
  }

  private int count(String operation) {
    AtomicInteger c = calls.get(operation);
    return c == null ? 0 : c.get();
  }

  private static void sleep(Duration delay) {
    if (delay == null || delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
