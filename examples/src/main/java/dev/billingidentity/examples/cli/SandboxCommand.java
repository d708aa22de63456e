package dev.billingidentity.examples.cli;

import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.validation.Problems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox}: a Space on loopback (the fake AWS server and a Kubernetes API holding {@code --control-planes N}
 * control planes with vector deployed) that the other commands, the SDK and other processes can be pointed at. Runs
 * until interrupted; stops its servers on the way out.
 */
@Command(name = "sandbox", description = "Run a fake AWS and a fake Space's Kubernetes API on loopback until interrupted.")
final class SandboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--control-planes", defaultValue = "3", description = "control planes in the Space (default: 3)")
  int controlPlanes;

  @Option(names = "--aws-port", defaultValue = "0", description = "fake AWS server port (default: a free one)")
  int awsPort;

  @Option(names = "--kube-port", defaultValue = "0", description = "Kubernetes API port (default: a free one)")
  int kubePort;

  @Option(names = "--admin-port", defaultValue = "0",
      description = "admin endpoint port: Helm values, control planes (default: a free one)")
  int adminPort;

  @Option(names = "--kubeconfig-out", paramLabel = "FILE", defaultValue = "sandbox.kubeconfig",
      description = "where to write the sandbox's kubeconfig (default: ${DEFAULT-VALUE})")
  Path kubeconfigOut;

  @Override
  public Integer call() throws InterruptedException {
    Problems p = new Problems();
    p.require(controlPlanes >= 0 && controlPlanes <= 1000, "--control-planes", controlPlanes, "between 0 and 1000");
    requirePort(p, "--aws-port", awsPort);
    requirePort(p, "--kube-port", kubePort);
    requirePort(p, "--admin-port", adminPort);
    InvalidInput.check(p);

    PrintWriter out = spec.commandLine().getOut();
    Sandbox sandbox = Sandbox.builder().controlPlanes(controlPlanes).awsPort(awsPort).kubePort(kubePort)
        .adminPort(adminPort).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> {
      sandbox.close();
      out.println("sandbox stopped");
      out.flush();
      stopped.countDown();
    }, "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);

    Path kubeconfig = sandbox.writeKubeconfig(kubeconfigOut);
    out.println("sandbox: EKS cluster " + Sandbox.CLUSTER + " in " + Sandbox.REGION + ", account "
        + Sandbox.ACCOUNT_ID + ", " + controlPlanes + " control planes with vector deployed");
    out.println("  aws endpoint:        " + sandbox.awsEndpoint());
    out.println("  kubernetes api:      " + sandbox.kubernetesUrl());
    out.println("  kubeconfig:          " + kubeconfig.toAbsolutePath());
    out.println("  admin endpoint:      " + sandbox.adminEndpoint());
    out.println();
    out.println("export these to point the SDK and the CLI at it:");
    sandbox.environment(kubeconfig).forEach((k, v) -> out.println("  export " + k + "=" + v));
    out.println();
    out.println("then, e.g.:");
    out.println("  billing-identity apply --yes --mode irsa --cluster " + Sandbox.CLUSTER
        + " --role-name spaces-billing --bucket acme-billing --region " + Sandbox.REGION
        + " --discover --aws-endpoint " + sandbox.awsEndpoint() + " --kubeconfig " + kubeconfig.toAbsolutePath());
    out.println("  # the Space's helm upgrade, played by the sandbox:");
    out.println("  billing-identity helm-values --mode irsa --role-name spaces-billing --bucket acme-billing --region "
        + Sandbox.REGION + " --cluster " + Sandbox.CLUSTER + " --account-id " + Sandbox.ACCOUNT_ID
        + " | curl -sS --data-binary @- " + sandbox.adminEndpoint() + "/helm-values");
    out.println();
    out.println("sandbox ready; Ctrl-C stops it");
    out.flush();
    // Runs until the process is interrupted (SIGINT, SIGTERM): the shutdown hook stops the servers.
    stopped.await();
    return ExitCodes.OK;
  }

  private static void requirePort(Problems p, String option, int port) {
    p.require(port >= 0 && port <= 65535, option, port, "a port between 0 (a free one) and 65535");
  }
}
