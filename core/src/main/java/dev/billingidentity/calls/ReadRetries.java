package dev.billingidentity.calls;

import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

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
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      if (!CallCounter.isRead("x." + method.getName())) {
        return invoke(method, target, args);
      }
      return retry.call(type.getSimpleName() + "." + method.getName(), () -> invoke(method, target, args));
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
