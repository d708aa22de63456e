package dev.billingidentity.calls;

import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;

/**
 * Retries the AWS ports' reads on throttling and server errors, so that planning and verification ride out a
 * throttling storm as the changes do. Writes are not retried here: each change retries its own write, knowing what
 * makes it idempotent. Over the SDK adapters the SDK has already retried; this covers the rest (in-memory fakes,
 * a caller's own ports). The probe's token exchanges ({@code assume...}) count as reads: they are retried on
 * throttling and server errors only, since a refusal ({@code AccessDenied}, {@code InvalidIdentityToken}) is the answer
 * the probe reports, and the same token would be refused again.
 */
public final class ReadRetries {
  private ReadRetries() {}

  /** {@return the AWS ports, with reads retried by {@code retry}} */
  public static AwsBackend wrap(AwsBackend aws, Retry retry) {
    return new AwsBackend(wrap(IamPort.class, aws.iam(), retry), wrap(StsPort.class, aws.sts(), retry),
        wrap(EksPort.class, aws.eks(), retry), wrap(S3Port.class, aws.s3(), retry));
  }

  private static <T> T wrap(Class<T> type, T target, Retry retry) {
    return PortProxy.of(type, target, (method, call) -> CallCounter.isRead("x." + method.getName())
        ? retry.call(type.getSimpleName() + "." + method.getName(), () -> unchecked(call))
        : unchecked(call));
  }

  private static Object unchecked(PortProxy.Call call) {
    try {
      return call.proceed();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
