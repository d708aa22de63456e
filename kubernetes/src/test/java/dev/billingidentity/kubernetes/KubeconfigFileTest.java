package dev.billingidentity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KubeconfigFile} and {@link Fabric8Cluster#fromKubeconfig}: a file that is not a usable kubeconfig is refused
 * as invalid input, naming the file and what is wrong, and never repeating what the file holds.
 */
class KubeconfigFileTest {
  @TempDir Path dir;

  static java.util.List<BadKubeconfigs> cases() {
    return BadKubeconfigs.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theLibraryRefusesItAsInvalidInputNamingTheFileAndQuotingNothing(BadKubeconfigs bad) throws Exception {
    Path file = bad.write(dir);

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> Fabric8Cluster.fromKubeconfig(file).close());

    assertThat(e).as("refused").isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("kubeconfig");
      assertThat(p.value()).isEqualTo(file.toString());
      assertThat(p.rule()).contains(bad.rule());
    });
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains(file.toString());
    bad.secrets().forEach(secret -> assertThat(trace.toString()).as("the trace quotes the file").doesNotContain(secret));
    assertThat(e.getCause()).as("no parser exception, whose message would quote the file, as the cause").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theCheckRecordsOneProblemUnderTheCallersName(BadKubeconfigs bad) throws Exception {
    Path file = bad.write(dir);
    Problems p = new Problems();

    assertThat(KubeconfigFile.check(p, "--kubeconfig", file.toString())).isFalse();

    assertThat(p.asList()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("--kubeconfig");
      assertThat(problem.toString()).contains(file.toString(), bad.rule());
    });
  }

  @Test
  void aMissingFileAndAPipeAreNamed() throws Exception {
    Problems p = new Problems();
    KubeconfigFile.check(p, "kubeconfig", dir.resolve("nope").toString());
    KubeconfigFile.check(p, "kubeconfig", "/dev/null");
    KubeconfigFile.check(p, "kubeconfig", "bad\u0000path");

    assertThat(p.asList()).extracting(problem -> problem.rule())
        .containsExactly("no such file", "not a regular file", "not a valid path");
  }

  @Test
  void aFileLargerThanAnyKubeconfigIsNotRead() throws Exception {
    Path big = Files.write(dir.resolve("big"), new byte[(int) KubeconfigFile.MAX_SIZE + 1]);
    Problems p = new Problems();

    KubeconfigFile.check(p, "kubeconfig", big.toString());

    assertThat(p.asList()).singleElement().satisfies(problem -> assertThat(problem.rule()).contains("larger than 4 MiB"));
  }

  @Test
  void aUsableKubeconfigPasses() throws Exception {
    Path file = Files.writeString(dir.resolve("kubeconfig"), BadKubeconfigs.valid());
    Problems p = new Problems();

    assertThat(KubeconfigFile.check(p, "kubeconfig", file.toString())).isTrue();
    assertThat(p.isEmpty()).isTrue();
    assertThatCode(() -> KubeconfigFile.require(file)).doesNotThrowAnyException();
  }
}
