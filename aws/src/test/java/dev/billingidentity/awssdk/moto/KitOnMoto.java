package dev.billingidentity.awssdk.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * Runs a contract kit on moto test by test, for the kits moto 5.2.1 models only in part. A kit's tests are
 * package-private methods of an abstract class, so a subclass cannot leave some out; and leaving them out silently
 * would let the list of what moto does not model go stale. So each kit test becomes one dynamic test:
 * <ul>
 *   <li>a test moto models runs as it is and must pass;</li>
 *   <li>a test moto does not model runs too, and must fail the way an emulator that lets the call through fails: the
 *       kit expected AWS's error and moto answered success (AssertJ's "Expecting code to raise a throwable"). Any other
 *       failure (an adapter bug, a wrong error) fails the test, and so does a pass: moto then models it, and it belongs
 *       with the modelled tests;</li>
 *   <li>a kit test in neither list fails, so a new kit test needs a decision about moto.</li>
 * </ul>
 */
final class KitOnMoto {
  /** What AssertJ says when the code under {@code assertThatThrownBy} returned normally. */
  private static final String ACCEPTED = "Expecting code to raise a throwable";

  private KitOnMoto() {}

  /**
   * The kit's tests as dynamic tests.
   *
   * @param kit an instance of the kit whose ports talk to moto
   * @param modelled the kit tests moto models: they must pass
   * @param notModelled the kit tests moto does not model, each with why: moto must still accept what AWS refuses
   */
  static List<DynamicTest> tests(Object kit, Set<String> modelled, Map<String, String> notModelled) {
    Class<?> kitClass = kit.getClass().getSuperclass();
    List<Method> kitTests = Arrays.stream(kitClass.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class))
        .sorted(Comparator.comparing(Method::getName))
        .toList();
    Set<String> names = new TreeSet<>(kitTests.stream().map(Method::getName).toList());
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("every kit test is classified, once", () -> {
      assertThat(modelled).as("modelled and not modelled overlap").doesNotContainAnyElementsOf(notModelled.keySet());
      Set<String> classified = new TreeSet<>(modelled);
      classified.addAll(notModelled.keySet());
      assertThat(classified).as("tests of %s: decide whether moto 5.2.1 models the new ones",
          kitClass.getSimpleName()).isEqualTo(names);
    }));
    for (Method test : kitTests) {
      String name = test.getName();
      if (modelled.contains(name)) {
        tests.add(DynamicTest.dynamicTest(name, () -> invoke(kit, test)));
      } else if (notModelled.containsKey(name)) {
        tests.add(DynamicTest.dynamicTest(name + " [moto accepts what AWS refuses: " + notModelled.get(name) + "]",
            () -> assertMotoLetsItThrough(kit, test)));
      }
    }
    return tests;
  }

  private static void assertMotoLetsItThrough(Object kit, Method test) throws Throwable {
    try {
      invoke(kit, test);
    } catch (AssertionError e) {
      if (String.valueOf(e.getMessage()).contains(ACCEPTED)) {
        return;
      }
      throw e;
    }
    fail("moto now models %s: move it to the tests moto models", test.getName());
  }

  private static void invoke(Object kit, Method test) throws Throwable {
    test.setAccessible(true);
    try {
      test.invoke(kit);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
