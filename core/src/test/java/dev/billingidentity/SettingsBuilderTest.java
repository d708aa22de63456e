package dev.billingidentity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings' builders are written by hand: every setter Immutables generates for an attribute must exist on them
 * too, so that an attribute added to the settings cannot be left without a way to set it.
 */
class SettingsBuilderTest {
  private static Set<String> publicMethods(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getDeclaringClass() != Object.class)
        .map(Method::getName)
        .collect(Collectors.toSet());
  }

  private static Set<String> generatedSetters(Class<?> generated) {
    Set<String> names = Arrays.stream(generated.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .map(Method::getName)
        .collect(Collectors.toSet());
    // Copying from another instance: the settings' with... methods do that.
    names.remove("from");
    return names;
  }

  @Test
  void theIrsaBuilderHasEverySetterImmutablesGenerates() {
    assertThat(generatedSetters(IrsaSettings.GeneratedBuilder.class)).contains("cluster", "role", "build")
        .isSubsetOf(publicMethods(IrsaSettings.Builder.class));
  }

  @Test
  void thePodIdentityBuilderHasEverySetterImmutablesGenerates() {
    assertThat(generatedSetters(PodIdentitySettings.GeneratedBuilder.class)).contains("cluster", "role", "build")
        .isSubsetOf(publicMethods(PodIdentitySettings.Builder.class));
  }
}
