package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * An old jackson-annotations beside fabric8's Jackson 3.2 (Spring Boot 3.5's BOM first) is named with its fix before
 * any request, instead of a NoClassDefFoundError on the first read; Jackson 3.1 with annotations 2.21 (Spring Boot
 * 4.0) is fine.
 */
class JacksonAnnotationsCheckTest {

  @Test
  void jackson32WithAnnotationsOlderThan222IsRefusedWithTheFix() {
    assertThat(JacksonAnnotationsCheck.problem(3, 2, "3.2.3", className -> false)).hasValueSatisfying(message ->
        assertThat(message).contains("Jackson 3.2.3", "jackson-annotations 2.22",
            "add jackson-annotations 2.22 to your own dependencyManagement"));
  }

  @Test
  void jackson32WithAnnotations222AndJackson31WithOlderOnesPass() {
    assertThat(JacksonAnnotationsCheck.problem(3, 2, "3.2.3",
        JacksonAnnotationsCheck.ANNOTATION_OF_2_22::equals)).isEmpty();
    assertThat(JacksonAnnotationsCheck.problem(3, 1, "3.1.4", className -> false)).isEmpty();
  }

  @Test
  void thisClasspathPasses() {
    assertThatCode(JacksonAnnotationsCheck::require).doesNotThrowAnyException();
  }
}
