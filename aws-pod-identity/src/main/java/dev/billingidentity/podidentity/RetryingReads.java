package dev.billingidentity.podidentity;

import dev.billingidentity.plan.Retry;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The AWS ports as planning and verification read them: every call retried on AWS's transient answers (throttling,
 * server errors). A plan describes one association per control plane, so at a few thousand reads one throttled
 * answer would otherwise fail the whole plan; {@link dev.billingidentity.plan.ApplyContext#retry()} only reaches
 * the changes, and {@link dev.billingidentity.spi.StrategyContext} carries no retry policy.
 *
 * <p>Paginating default methods ({@code listAllPodIdentityAssociations}) run on the proxy, so each page is retried
 * on its own instead of starting over.
 */
final class RetryingReads {
  private RetryingReads() {}

  /** {@code eks}, with every call retried on transient errors. */
  static EksPort eks(EksPort eks, Retry retry) {
    return proxy(EksPort.class, eks, retry, "eks");
  }

  /** {@code iam}, with every call retried on transient errors. */
  static IamPort iam(IamPort iam, Retry retry) {
    return proxy(IamPort.class, iam, retry, "iam");
  }

  private static <T> T proxy(Class<T> type, T target, Retry retry, String port) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      return retry.call(port + "." + method.getName(), () -> invoke(target, method, args), Retry::transientAws);
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, Method method, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
