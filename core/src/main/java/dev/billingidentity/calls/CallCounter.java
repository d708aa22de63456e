package dev.billingidentity.calls;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls made through the ports it wraps; thread-safe. Every operation of the library wraps its ports in
 * a fresh counter, so its result can say which calls it made.
 */
public final class CallCounter {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * Whether an operation name is a read: the ports name reads find/list/describe/observe/discover/callerIdentity,
   * and the probe's exchanges assume... (STS and EKS Auth issue credentials and change nothing AWS keeps, so a verify
   * that probes still makes no write; a throttled exchange is retried as a read, since the answer after the throttle
   * is the real one, and a refusal is never retried).
   */
  static boolean isRead(String operation) {
    String method = operation.substring(operation.indexOf('.') + 1);
    return method.startsWith("find") || method.startsWith("list") || method.startsWith("describe")
        || method.startsWith("observe") || method.startsWith("discover") || method.equals("callerIdentity")
        || method.startsWith("await") || method.startsWith("assume");
  }

  /** {@return the AWS ports, counted} */
  public AwsBackend wrap(AwsBackend aws) {
    return new AwsBackend(wrap("iam", IamPort.class, aws.iam()), wrap("sts", StsPort.class, aws.sts()),
        wrap("eks", EksPort.class, aws.eks()), wrap("s3", S3Port.class, aws.s3()));
  }

  /** {@return the cluster port, counted} */
  public ClusterPort wrap(ClusterPort cluster) {
    return wrap("cluster", ClusterPort.class, cluster);
  }

  /** {@return what was counted so far} */
  public CallCounts snapshot() {
    Map<String, Long> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return new CallCounts(out);
  }

  private <T> T wrap(String port, Class<T> type, T target) {
    // Default methods (e.g. listAll...) are not counted themselves: the calls they make are.
    return PortProxy.of(type, target, (method, call) -> {
      counts.computeIfAbsent(port + "." + method.getName(), k -> new LongAdder()).increment();
      return call.proceed();
    });
  }

}
