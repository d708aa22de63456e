package dev.billingidentity.calls;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.plan.AdaptiveRate;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.spi.aws.ThrottlingException;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Paces every call of one operation to each AWS service at the rate that service answers it without throttling
 * ({@link AdaptiveRate}, one per service: AWS throttles IAM, STS, EKS and S3 apart). Every attempt goes through it,
 * reads and writes, first tries and retries: wrapped inside the retries, so that a retried call waits its turn too,
 * and outside the call counter, which counts what was sent.
 */
public final class PacedAws {
  private final Map<String, AdaptiveRate> rates;
  private final AwsBackend aws;

  private PacedAws(AwsBackend aws, Retry retry, LongSupplier nanoTime) {
    this.rates = Map.of("IAM", new AdaptiveRate("IAM", nanoTime, retry.sleeper()),
        "STS", new AdaptiveRate("STS", nanoTime, retry.sleeper()),
        "EKS", new AdaptiveRate("EKS", nanoTime, retry.sleeper()),
        "S3", new AdaptiveRate("S3", nanoTime, retry.sleeper()));
    this.aws = new AwsBackend(wrap(IamPort.class, aws.iam(), rates.get("IAM")),
        wrap(StsPort.class, aws.sts(), rates.get("STS")), wrap(EksPort.class, aws.eks(), rates.get("EKS")),
        wrap(S3Port.class, aws.s3(), rates.get("S3")));
  }

  /** {@return {@code aws} paced, waiting with {@code retry}'s sleeper (a test's retries without delay wait not)} */
  public static PacedAws wrap(AwsBackend aws, Retry retry) {
    return new PacedAws(aws, retry, System::nanoTime);
  }

  /** As {@link #wrap(AwsBackend, Retry)}, timed by {@code nanoTime}: a test's clock, which its sleeper moves. */
  static PacedAws wrap(AwsBackend aws, Retry retry, LongSupplier nanoTime) {
    return new PacedAws(aws, retry, nanoTime);
  }

  /** {@return the paced ports} */
  public AwsBackend backend() {
    return aws;
  }

  /** {@return the rate learnt for {@code service} ({@code IAM}, {@code STS}, {@code EKS}, {@code S3})} */
  public AdaptiveRate rate(String service) {
    AdaptiveRate rate = rates.get(service);
    if (rate == null) {
      throw new IllegalArgumentException("service must be one of " + rates.keySet() + ", was " + service);
    }
    return rate;
  }

  private static <T> T wrap(Class<T> type, T target, AdaptiveRate rate) {
    // Default methods (listAll...) are paced call by call, through the proxy.
    return PortProxy.of(type, target, (method, call) -> {
      long started;
      try {
        started = rate.start();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BillingIdentityException("interrupted while waiting to call " + type.getSimpleName() + "."
            + method.getName(), e);
      }
      try {
        Object answer = call.proceed();
        rate.answered();
        return answer;
      } catch (ThrottlingException e) {
        rate.throttled(started);
        throw e;
      } catch (RuntimeException e) {
        rate.answered(); // an error answer (not found, in use) is an answer: the service spent its token on it
        throw e;
      }
    });
  }
}
