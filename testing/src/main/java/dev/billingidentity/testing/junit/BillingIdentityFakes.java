package dev.billingidentity.testing.junit;

import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import dev.billingidentity.testing.fault.CallLog;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test fresh fakes as parameters: a {@link FakeSpace} (its size from {@link SpaceSize}, 3 control planes
 * by default), its {@link InMemoryAws}, its {@link InMemoryCluster}, and the AWS {@link CallLog}. Every parameter
 * of one test comes from the same Space; nothing is shared between tests.
 *
 * <pre>{@code
 * @ExtendWith(BillingIdentityFakes.class)
 * class MyToolTest {
 *   @Test
 *   void appliesOnce(@SpaceSize(20) FakeSpace space, CallLog awsCalls) { ... }
 * }
 * }</pre>
 */
public final class BillingIdentityFakes implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BillingIdentityFakes.class);

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == FakeSpace.class || type == InMemoryAws.class || type == InMemoryCluster.class
        || type == CallLog.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    int size = p.findAnnotation(SpaceSize.class).map(SpaceSize::value)
        .orElseGet(() -> e.getTestMethod().flatMap(m -> java.util.Optional.ofNullable(m.getAnnotation(SpaceSize.class)))
            .map(SpaceSize::value).orElse(3));
    FakeSpace space = e.getStore(NS).getOrComputeIfAbsent("space",
        k -> FakeSpace.withControlPlanes(size).build(), FakeSpace.class);
    Class<?> type = p.getParameter().getType();
    if (type == FakeSpace.class) {
      return space;
    }
    if (type == InMemoryAws.class) {
      return space.aws();
    }
    if (type == InMemoryCluster.class) {
      return space.cluster();
    }
    return space.aws().calls();
  }
}
