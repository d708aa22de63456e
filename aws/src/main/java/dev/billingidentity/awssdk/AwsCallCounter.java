package dev.billingidentity.awssdk;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS calls made by the SDK clients it is registered on, by operation ({@code IAM:GetRole}): logical calls
 * (one per SDK method call) and HTTP attempts (retries included), and logs each call at debug level. Thread-safe; one
 * counter may serve several clients. {@link AwsAdapters#builder()} registers one on the clients it makes; register it
 * yourself on clients you make:
 *
 * <pre>{@code
 * AwsCallCounter counter = new AwsCallCounter();
 * IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL)
 *     .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
 * }</pre>
 *
 * <p>Logs name the operation, the HTTP status or error and the timing, never a request's headers or body: those carry
 * signatures and policy documents.
 */
public final class AwsCallCounter implements ExecutionInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(AwsCallCounter.class);
  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("billing-identity.call-started");
  private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("billing-identity.call-attempts");

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

  /** What was counted since creation or the last {@link #reset()}. */
  public AwsCallCounts snapshot() {
    return new AwsCallCounts(sums(calls), sums(attempts));
  }

  /** Starts counting afresh. Calls in flight meanwhile may be counted on either side of the reset. */
  public void reset() {
    calls.clear();
    attempts.clear();
  }

  /** Counts one call of one attempt that no SDK client made (EKS Auth's signed call), e.g. {@code EKS-AUTH:...}. */
  void count(String operation) {
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    attempts.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
    attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    increment(calls, attributes);
  }

  /** Called once per HTTP attempt, so retries are counted here and not in {@link #beforeExecution}. */
  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.getAttribute(ATTEMPTS).incrementAndGet();
    increment(attempts, attributes);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}: HTTP {} in {} ms, {} attempt(s)", operation(attributes), context.httpResponse().statusCode(),
          millisSinceStart(attributes), attributes.getAttribute(ATTEMPTS));
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (LOG.isDebugEnabled()) {
      String status = context.httpResponse().map(r -> "HTTP " + r.statusCode()).orElse("no answer");
      LOG.debug("{}: failed ({}, {}) in {} ms, {} attempt(s)", operation(attributes), status,
          context.exception().getClass().getSimpleName(), millisSinceStart(attributes),
          attributes.getAttribute(ATTEMPTS));
    }
  }

  /** {@code IAM:GetRole}: the SDK names services {@code Iam}, {@code Sts}, {@code Eks}; AWS writes them in capitals. */
  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toUpperCase(Locale.ROOT) + ":"
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  private static void increment(Map<String, LongAdder> counts, ExecutionAttributes attributes) {
    counts.computeIfAbsent(operation(attributes), k -> new LongAdder()).increment();
  }

  private static long millisSinceStart(ExecutionAttributes attributes) {
    Long started = attributes.getAttribute(STARTED);
    return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((operation, n) -> out.put(operation, n.sum()));
    return out;
  }
}
