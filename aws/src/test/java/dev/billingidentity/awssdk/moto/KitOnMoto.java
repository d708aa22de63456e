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
import java.util.TreeMap;
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
 *       kit expected AWS's error and moto answered success (AssertJ's "Expecting code to raise a throwable"), or, for a
 *       {@link Gap}, with the description of AWS's behaviour the kit's assertion carries. Any other failure (an adapter
 *       bug, a wrong error) fails the test, and so does a pass: moto then models it, and it belongs with the modelled
 *       tests;</li>
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
    Map<String, Gap> gaps = new TreeMap<>();
    notModelled.forEach((name, why) -> gaps.put(name, new Gap("moto accepts what AWS refuses: " + why, ACCEPTED)));
    return testsWithGaps(kit, modelled, gaps);
  }

  /**
   * A kit test on which moto answers otherwise than AWS.
   *
   * @param why what moto does instead, shown in the test's name
   * @param failure words the kit's assertion failure must contain: the description of AWS's behaviour the kit gives
   *     that assertion, so that any other failure (an adapter bug) still fails the test
   */
  record Gap(String why, String failure) {}

  /**
   * The kit's tests as dynamic tests, for kits where moto differs from AWS in other ways than accepting what AWS
   * refuses: each gap's test must fail with its {@link Gap#failure()}.
   */
  static List<DynamicTest> testsWithGaps(Object kit, Set<String> modelled, Map<String, Gap> notModelled) {
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
        Gap gap = notModelled.get(name);
        tests.add(DynamicTest.dynamicTest(name + " [" + gap.why() + "]", () -> assertMotoDiffers(kit, test, gap)));
      }
    }
    return tests;
  }

  private static void assertMotoDiffers(Object kit, Method test, Gap gap) throws Throwable {
    try {
      invoke(kit, test);
    } catch (AssertionError e) {
      if (String.valueOf(e.getMessage()).contains(gap.failure())) {
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
