package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file given as {@code --kubeconfig} that is not a kubeconfig is invalid input: exit code 3, the file named, the
 * problem said, no call, and nothing of what the file holds on stdout or stderr (no stack trace either).
 */
class KubeconfigOptionTest {
  @TempDir Path dir;

  static Stream<Arguments> files() {
    String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNhbmRib3gifQ.eyJzdWIiOiJ2ZWN0b3IifQ.c2lnbmF0dXJlLW5vdC1yZWFs";
    return Stream.of(
        Arguments.of("token", token + "\n", List.of("eyJ", "c2lnbmF0dXJl"), "not a YAML mapping"),
        Arguments.of("passwd", "root:x:0:0:root:/root:/bin/bash\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n",
            List.of("root:x", "/bin/bash", "nologin"), "not a YAML mapping"),
        Arguments.of("directory", null, List.of(), "is a directory"),
        Arguments.of("broken-yaml", "apiVersion: v1\nclusters:\n- cluster:\n    server: https://leaky.example:6443\n"
            + "  name: [unclosed\n  token: s3cr3t-value\n", List.of("leaky", "s3cr3t", "unclosed"),
            "not valid YAML (line"),
        Arguments.of("manifest", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: marker-secret-name\n"
            + "stringData:\n  password: hunter2-value\n", List.of("marker-secret-name", "hunter2", "Secret"),
            "its kind is not Config"),
        Arguments.of("other-yaml", "database:\n  password: pa55-value\n", List.of("pa55", "database"),
            "no current context"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void isInvalidInputNamingTheFileAndQuotingNothingOfIt(String name, String contents, List<String> secrets,
      String rule) throws Exception {
    Path file = contents == null ? Files.createDirectory(dir.resolve(name))
        : Files.writeString(dir.resolve(name), contents);

    // The endpoint is on loopback, where nothing listens: a call would fail here, not leave the machine.
    CliRun run = CliRun.of("plan", "--cluster", "spaces-prod", "--role-name", "spaces-billing", "--bucket",
        "acme-billing", "--region", "us-east-1", "--control-plane", "mxp-a-system", "--aws-endpoint",
        "http://127.0.0.1:9", "--kubeconfig", file.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).startsWith("invalid input (1 problem):")
        .contains("field '--kubeconfig' = \"" + file + "\": ").contains(rule)
        .doesNotContain("\tat ", "Exception");
    for (String secret : secrets) {
      assertThat(run.out() + run.err()).as("the output quotes the file").doesNotContain(secret);
    }
  }
}
