package dev.billingidentity.testing.fault;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Every call a fake received, counted by operation and split into reads and writes, so that a test can assert what a
 * user pays for: "the second apply writes nothing", "discovery is one request whatever the number of control planes".
 * Operations are the service's names: AWS's ({@code GetRole}, {@code UpdateAssumeRolePolicy},
 * {@code CreatePodIdentityAssociation}) or the Kubernetes requests of the cluster fake ({@code listPods},
 * {@code patchDeployment}). Failed calls count too: they were made, and AWS bills and throttles them. The calls
 * answered with throttling (a rate limit's or an injected throttle) are counted apart as well ({@link #throttled()}),
 * so that a benchmark can tell the calls a service accepted from those it turned away.
 * Thread-safe; {@link #reset()} starts a new count, e.g. after seeding.
 */
public final class CallLog {
  private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

  /** Records one call; the fakes call this, tests normally only read. */
  public void record(String operation, boolean write) {
    (write ? writes : reads).computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /**
   * Records that a call already {@linkplain #record recorded} was answered with the service's throttling error; the
   * fakes call this.
   */
  public void recordThrottled(String operation) {
    throttled.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** Calls of one operation, reads and writes. */
  public long count(String operation) {
    return sum(reads.get(operation)) + sum(writes.get(operation));
  }

  /**
   * Waits until {@code operation} has been called at least {@code atLeast} times, at most {@code timeout}: for a
   * {@link Faults#beforeCall} hook that holds one call until another has been made, to show that two reads run side
   * by side (read one after the other, the held call would wait in vain).
   *
   * @return whether the count was reached in time
   */
  public boolean awaitCount(String operation, long atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(operation) < atLeast) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Every read call. */
  public long reads() {
    return reads.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Every write call. */
  public long writes() {
    return writes.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Every call. */
  public long total() {
    return reads() + writes();
  }

  /** Every call answered with throttling. */
  public long throttled() {
    return throttled.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Calls of one operation answered with throttling. */
  public long throttled(String operation) {
    return sum(throttled.get(operation));
  }

  /** Calls answered with throttling, by operation, sorted by name. */
  public Map<String, Long> throttledByOperation() {
    return snapshot(throttled);
  }

  /**
   * Calls and throttled answers summed by a group of operations, sorted by group, e.g. by AWS service with
   * {@code InMemoryAws.callsByService()}.
   */
  public Map<String, CallCounts> byGroup(Function<String, String> groupOf) {
    Map<String, long[]> sums = new TreeMap<>();
    byOperation().forEach((op, n) -> sums.computeIfAbsent(groupOf.apply(op), k -> new long[2])[0] += n);
    throttledByOperation().forEach((op, n) -> sums.computeIfAbsent(groupOf.apply(op), k -> new long[2])[1] += n);
    Map<String, CallCounts> out = new TreeMap<>();
    sums.forEach((group, n) -> out.put(group, new CallCounts(n[0], n[1])));
    return out;
  }

  /** Calls by operation, reads and writes together, sorted by name. */
  public Map<String, Long> byOperation() {
    Map<String, Long> out = new TreeMap<>(readsByOperation());
    writesByOperation().forEach((k, v) -> out.merge(k, v, Long::sum));
    return out;
  }

  /** Read calls by operation, sorted by name. */
  public Map<String, Long> readsByOperation() {
    return snapshot(reads);
  }

  /** Write calls by operation, sorted by name: what changed, or tried to. */
  public Map<String, Long> writesByOperation() {
    return snapshot(writes);
  }

  /** Forgets every call. */
  public void reset() {
    reads.clear();
    writes.clear();
    throttled.clear();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> {
      long n = v.sum();
      if (n > 0) {
        out.put(k, n);
      }
    });
    return out;
  }

  private static long sum(LongAdder a) {
    return a == null ? 0 : a.sum();
  }

  /**
   * E.g. {@code 7 calls (5 reads, 2 writes) {CreateRole=1, GetRole=5, PutRolePolicy=1}}, and
   * {@code , 2 throttled} after the writes when some were.
   */
  @Override
  public String toString() {
    long t = throttled();
    return total() + " calls (" + reads() + " reads, " + writes() + " writes" + (t > 0 ? ", " + t + " throttled" : "")
        + ") " + byOperation();
  }
}
