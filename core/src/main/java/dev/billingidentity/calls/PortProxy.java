package dev.billingidentity.calls;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The one skeleton of the call wrappers (counting, pacing, retrying reads): a port whose every abstract method runs
 * through an {@link Around}. {@code Object}'s methods go straight to the target; default methods ({@code listAll...})
 * run on the proxy, so that each call they make goes through the wrapper on its own.
 */
final class PortProxy {
  private PortProxy() {}

  /** What a wrapper does around one call of {@code method}; {@code call} runs it on the target. */
  @FunctionalInterface
  interface Around {
    Object invoke(Method method, Call call) throws Throwable;
  }

  /** One call on the target: throws what the target threw, unwrapped. */
  @FunctionalInterface
  interface Call {
    Object proceed() throws Throwable;
  }

  static <T> T of(Class<T> type, T target, Around around) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      return around.invoke(method, () -> {
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
