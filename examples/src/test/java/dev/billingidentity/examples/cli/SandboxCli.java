package dev.billingidentity.examples.cli;

import dev.billingidentity.examples.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sandbox in this JVM and the CLI pointed at it as a user would point it: the real backends, the SDK's default
 * credential chain (the sandbox's keys as system properties, which that chain reads first), {@code --aws-endpoint}
 * and {@code --kubeconfig}.
 */
final class SandboxCli implements AutoCloseable {
  final Sandbox sandbox;
  final Path kubeconfig;

  private SandboxCli(Sandbox sandbox, Path kubeconfig) {
    this.sandbox = sandbox;
    this.kubeconfig = kubeconfig;
  }

  static SandboxCli start(int controlPlanes, Path dir) {
    return start(Sandbox.builder().controlPlanes(controlPlanes), dir);
  }

  /** A sandbox made by {@code builder} (e.g. with its bucket elsewhere), and the CLI pointed at it. */
  static SandboxCli start(Sandbox.Builder builder, Path dir) {
    System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", Sandbox.SECRET_ACCESS_KEY);
    Sandbox sandbox = builder.start();
    return new SandboxCli(sandbox, sandbox.writeKubeconfig(dir.resolve("kubeconfig")));
  }

  /** Runs {@code command} with {@code args}, then the connection options of the sandbox. */
  CliRun run(String command, String... args) {
    return CliRun.of(connect(sandbox.awsEndpoint().toString(), kubeconfig, command, args));
  }

  /** {@code command args... --aws-endpoint awsEndpoint --kubeconfig kubeconfig}. */
  static String[] connect(String awsEndpoint, Path kubeconfig, String command, String... args) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(List.of(args));
    all.addAll(List.of("--aws-endpoint", awsEndpoint, "--kubeconfig", kubeconfig.toString()));
    return all.toArray(String[]::new);
  }

  /** The environment of every vector pod of the Space, as the API server holds it. */
  List<Map<String, String>> vectorPodEnvironments() {
    return sandbox.vectorPodEnvironments();
  }

  @Override
  public void close() {
    sandbox.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
