package dev.billingidentity.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ChangeJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many port calls an operation made, by operation (e.g. {@code iam.findRole}, {@code eks.createPodIdentityAssociation},
 * {@code cluster.observe}), split into reads and writes. Counted at the ports, so the same for every backend; the
 * AWS SDK adapter's interceptor counts HTTP attempts (retries included) on top of this.
 */
public record CallCounts(Map<String, Long> byOperation) {
  /** Copies the counts, sorted by operation. */
  public CallCounts {
    byOperation = Map.copyOf(new TreeMap<>(byOperation));
  }

  /** Calls that change nothing. */
  public long reads() {
    return byOperation.entrySet().stream().filter(e -> CallCounter.isRead(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Calls that change something. */
  public long writes() {
    return byOperation.entrySet().stream().filter(e -> !CallCounter.isRead(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Calls to one port ({@code iam}, {@code sts}, {@code eks}, {@code cluster}). */
  public CallCounts of(String port) {
    Map<String, Long> out = new TreeMap<>();
    byOperation.forEach((op, n) -> {
      if (op.startsWith(port + ".")) {
        out.put(op, n);
      }
    });
    return new CallCounts(out);
  }

  /** {@return all calls} */
  public long total() {
    return byOperation.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@return the counts as JSON: reads, writes and the calls by operation} */
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.MAPPER.createObjectNode();
    node.put("reads", reads());
    node.put("writes", writes());
    node.set("byOperation", ChangeJson.MAPPER.valueToTree(byOperation));
    return node;
  }

  @Override
  public String toString() {
    return total() + " calls (" + reads() + " reads, " + writes() + " writes) " + byOperation;
  }
}
