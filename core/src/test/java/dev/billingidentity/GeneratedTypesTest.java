package dev.billingidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.space.ControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class files of the types Immutables generates name nothing of Immutables: org.immutables:value is a
 * compile-time dependency, absent from a consumer's classpath, and a consumer's javac -Xlint:all -Werror fails on an
 * annotation in them that it cannot find ("Cannot find annotation method 'from()' in type
 * 'org.immutables.value.Generated'"). The annotation has CLASS retention, so reflection cannot see it: the class
 * file's bytes are read.
 */
class GeneratedTypesTest {

  @ParameterizedTest
  @ValueSource(classes = {IrsaSettings.class, PodIdentitySettings.class, AwsAccount.class, BillingStorage.class,
      IamRole.class, OidcIssuer.class, ControlPlane.class})
  void classFilesNameNothingOfImmutables(Class<?> generated) throws IOException {
    List<String> naming = new ArrayList<>();
    for (Class<?> type : Stream.concat(Stream.of(generated), Stream.of(generated.getDeclaredClasses())).toList()) {
      String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
      try (InputStream in = type.getResourceAsStream(file)) {
        assertThat(in).as(file).isNotNull();
        // constant-pool strings are modified UTF-8, which is ASCII for these names
        if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("org/immutables/")) {
          naming.add(type.getName());
        }
      }
    }
    assertThat(naming).as("generated classes whose class file names org/immutables/").isEmpty();
  }
}
