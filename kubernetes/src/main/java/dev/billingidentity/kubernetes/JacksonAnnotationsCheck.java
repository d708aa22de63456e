package dev.billingidentity.kubernetes;

import dev.billingidentity.BillingIdentityException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * fabric8 8 reads and writes Kubernetes objects with Jackson 3 ({@code tools.jackson}), whose 3.2 line needs
 * {@code com.fasterxml.jackson.core:jackson-annotations} 2.22. A build that manages an older jackson-annotations
 * (Spring Boot 3.5.7 manages 2.19.2) fails on the first read with {@code NoClassDefFoundError:
 * com/fasterxml/jackson/annotation/JsonSerializeAs}; this check says so before any request, with the fix.
 */
final class JacksonAnnotationsCheck {
  /** A class jackson-annotations 2.22 added, which Jackson 3.2's databind loads. */
  static final String ANNOTATION_OF_2_22 = "com.fasterxml.jackson.annotation.JsonSerializeAs";

  private JacksonAnnotationsCheck() {}

  /** Throws when the classpath's Jackson 3 is 3.2 or later and its jackson-annotations older than 2.22. */
  static void require() {
    tools.jackson.core.Version jackson = tools.jackson.databind.cfg.PackageVersion.VERSION;
    problem(jackson.getMajorVersion(), jackson.getMinorVersion(), jackson.toString(), JacksonAnnotationsCheck::isPresent)
        .ifPresent(message -> {
          throw new BillingIdentityException(message);
        });
  }

  /** The problem, if Jackson {@code major.minor} ({@code version}) needs a class {@code present} does not find. */
  static Optional<String> problem(int major, int minor, String version, Predicate<String> present) {
    boolean needs222 = major > 3 || (major == 3 && minor >= 2);
    if (!needs222 || present.test(ANNOTATION_OF_2_22)) {
      return Optional.empty();
    }
    return Optional.of("fabric8's Jackson " + version + " (tools.jackson.core:jackson-databind) needs "
        + "com.fasterxml.jackson.core:jackson-annotations 2.22 or later, and the classpath has an older one (Spring "
        + "Boot 3.5 manages 2.19): add jackson-annotations 2.22 to your own dependencyManagement");
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, JacksonAnnotationsCheck.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
