package dev.billingidentity.plan;

import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.lang.reflect.Proxy;
import java.time.Clock;

/** Apply contexts for unit tests: the ports a test does not give fail loudly when called. */
public final class ApplyContexts {
  private ApplyContexts() {}

  /** A port whose every method throws: for changes that must not touch it. */
  public static <T> T unused(Class<T> port) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "unused " + port.getSimpleName()
            : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
      }
      throw new UnsupportedOperationException(port.getSimpleName() + "." + method.getName() + " must not be called");
    }));
  }

  /** No AWS or cluster access at all, the given concurrency. */
  public static ApplyContext withoutPorts(int concurrency) {
    return withIam(unused(IamPort.class), concurrency);
  }

  /** Only IAM, the given concurrency, retries that do not sleep. */
  public static ApplyContext withIam(IamPort iam, int concurrency) {
    return new ApplyContext(new AwsBackend(iam, unused(StsPort.class), unused(EksPort.class), unused(S3Port.class)),
        unused(ClusterPort.class), Retry.withoutDelay(3), ApplyOptions.defaults().withConcurrency(concurrency),
        Clock.systemUTC());
  }
}
