package dev.billingidentity.testing.junit;

import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import dev.billingidentity.testing.fault.CallLog;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test fresh fakes as parameters (of the test method, of {@code @BeforeEach}/{@code @AfterEach} methods,
 * or of the test class's constructor): a {@link FakeSpace}, its {@link InMemoryAws}, its {@link InMemoryCluster},
 * and the AWS {@link CallLog} (reset after the Space is built, so it counts only the test's own calls). Every
 * parameter of one test comes from the same Space; nothing is shared between tests, so no test sees another's state,
 * faults or calls. The Space has 3 provisioned control planes unless {@link SpaceSize} (on the parameter, the method
 * or the class) says otherwise.
 *
 * <pre>{@code
 * @WithFakes
 * class MyToolTest {
 *   @Test
 *   void appliesOnce(@SpaceSize(20) FakeSpace space, CallLog awsCalls) { ... }
 * }
 * }</pre>
 */
public final class BillingIdentityFakes implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BillingIdentityFakes.class);
  private static final Set<Class<?>> TYPES =
      Set.of(FakeSpace.class, InMemoryAws.class, InMemoryCluster.class, CallLog.class);
  /** The Space's size when no {@link SpaceSize} says otherwise. */
  public static final int DEFAULT_SPACE_SIZE = 3;

  /** Whether the parameter is one of the fakes this extension gives. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType());
  }

  /** The test's fake of the parameter's type, from the test's one Space (made on the first request). */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeSpace space = context.getStore(NAMESPACE).getOrComputeIfAbsent(FakeSpace.class,
        k -> FakeSpace.withControlPlanes(size(parameter, context)).build(), FakeSpace.class);
    Class<?> type = parameter.getParameter().getType();
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

  /** Constructor parameters too are resolved per test method, so a test instance never shares fakes with another. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  private static int size(ParameterContext parameter, ExtensionContext context) {
    return parameter.findAnnotation(SpaceSize.class)
        .or(() -> context.getTestMethod().flatMap(BillingIdentityFakes::sizeOn))
        .or(() -> context.getTestClass().flatMap(BillingIdentityFakes::sizeOn))
        .map(SpaceSize::value)
        .orElse(DEFAULT_SPACE_SIZE);
  }

  private static Optional<SpaceSize> sizeOn(AnnotatedElement element) {
    return Optional.ofNullable(element.getAnnotation(SpaceSize.class));
  }
}
