package dev.billingidentity.testing.fault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every call a fake received, counted by operation and split into reads and writes, so that a test can assert what a
 * user pays for: "the second apply writes nothing", "discovery is one request whatever the number of control planes".
 * Operations are the service's names: AWS's ({@code GetRole}, {@code UpdateAssumeRolePolicy},
 * {@code CreatePodIdentityAssociation}) or the Kubernetes requests of the cluster fake ({@code listPods},
 * {@code patchDeployment}). Failed calls count too: they were made, and AWS bills and throttles them.
 * Thread-safe; {@link #reset()} starts a new count, e.g. after seeding.
 */
public final class CallLog {
  private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

  /** Records one call; the fakes call this, tests normally only read. */
  public void record(String operation, boolean write) {
    (write ? writes : reads).computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** Calls of one operation, reads and writes. */
  public long count(String operation) {
    return sum(reads.get(operation)) + sum(writes.get(operation));
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

  /** E.g. {@code 7 calls (5 reads, 2 writes) {CreateRole=1, GetRole=5, PutRolePolicy=1}}. */
  @Override
  public String toString() {
    return total() + " calls (" + reads() + " reads, " + writes() + " writes) " + byOperation();
  }
}
