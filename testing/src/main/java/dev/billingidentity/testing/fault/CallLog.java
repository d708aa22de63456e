package dev.billingidentity.testing.fault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every call a fake received, counted by operation (AWS's operation names, e.g. {@code GetRole},
 * {@code CreatePodIdentityAssociation}; for the cluster, e.g. {@code observe}), split into reads and writes.
 * Thread-safe. Failed calls count too: they were made.
 */
public final class CallLog {
  private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

  /** Records one call. */
  public void record(String operation, boolean write) {
    (write ? writes : reads).computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** Calls of one operation. */
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

  /** Calls by operation, sorted by name. */
  public Map<String, Long> byOperation() {
    Map<String, Long> out = new TreeMap<>();
    reads.forEach((k, v) -> out.merge(k, v.sum(), Long::sum));
    writes.forEach((k, v) -> out.merge(k, v.sum(), Long::sum));
    return out;
  }

  /** Forgets every call. */
  public void reset() {
    reads.clear();
    writes.clear();
  }

  private static long sum(LongAdder a) {
    return a == null ? 0 : a.sum();
  }

  @Override
  public String toString() {
    return total() + " calls (" + reads() + " reads, " + writes() + " writes) " + byOperation();
  }
}
