package dev.billingidentity.examples.cli;

import dev.billingidentity.examples.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", Sandbox.SECRET_ACCESS_KEY);
    Sandbox sandbox = Sandbox.builder().controlPlanes(controlPlanes).start();
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
    List<Map<String, String>> envs = new ArrayList<>();
    for (Pod pod : sandbox.kubernetesClient().pods().inAnyNamespace().withLabel("app", "vector").list().getItems()) {
      Map<String, String> env = new HashMap<>();
      for (Container c : pod.getSpec().getContainers()) {
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
          env.put(e.getName(), e.getValue());
        }
      }
      envs.add(env);
    }
    return envs;
  }

  @Override
  public void close() {
    sandbox.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
