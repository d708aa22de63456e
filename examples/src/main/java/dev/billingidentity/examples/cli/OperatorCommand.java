package dev.billingidentity.examples.cli;

import dev.billingidentity.examples.operator.Operator;
import dev.billingidentity.examples.operator.OperatorTimings;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.kubernetes.controller.ControllerSettings;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code operator}: runs the billing-identity operator until interrupted, configured by the cluster's
 * {@code BillingIdentity} resources, as in a pod of the chart but from anywhere a kubeconfig reaches (the sandbox,
 * say). AWS credentials come from the SDK's default chain; {@code --aws-endpoint} sends every call elsewhere.
 */
@Command(name = "operator", description = "Run the operator: keep every BillingIdentity resource's identity true "
    + "until interrupted (serves /metrics, /healthz, /readyz).")
final class OperatorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--lease-namespace", paramLabel = "NS",
      description = "namespace of the leader-election Lease (default: $POD_NAMESPACE, else billing-identity)")
  String leaseNamespace;

  @Option(names = "--metrics-port", defaultValue = "8080",
      description = "port of /metrics, /healthz and /readyz; 0 for a free one (default: ${DEFAULT-VALUE})")
  int metricsPort;

  @Option(names = "--metrics-address", defaultValue = "0.0.0.0",
      description = "address the endpoints listen on (default: ${DEFAULT-VALUE}; 127.0.0.1 on a laptop)")
  String metricsAddress;

  @Option(names = "--resync-period", paramLabel = "SECONDS", defaultValue = "600",
      description = "full reconcile of each BillingIdentity every SECONDS (default: ${DEFAULT-VALUE})")
  long resyncSeconds;

  @Option(names = "--identity", description = "this replica's name in the Lease (default: $POD_NAME, $HOSTNAME)")
  String identity;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Problems p = new Problems();
    connection.check(p);
    String namespace = leaseNamespace != null ? leaseNamespace
        : System.getenv().getOrDefault("POD_NAMESPACE", "billing-identity");
    InputRules.namespace(p, "--lease-namespace", namespace);
    p.require(metricsPort >= 0 && metricsPort <= 65535, "--metrics-port", metricsPort, "a port, 0 to 65535");
    p.require(resyncSeconds >= 10 && resyncSeconds <= 86_400, "--resync-period", resyncSeconds,
        "between 10 and 86400 seconds");
    p.require(identity == null || !identity.isBlank(), "--identity", identity, "not blank");
    InvalidInput.check(p);

    Fabric8Cluster cluster = connection.kubeconfig != null ? Fabric8Cluster.fromKubeconfig(Path.of(connection.kubeconfig))
        : Fabric8Cluster.fromDefaultConfig();
    KubernetesClient client = cluster.client();
    DefaultBackends backends = new DefaultBackends();
    Map<String, AwsBackend> byRegion = new ConcurrentHashMap<>();
    ControllerSettings controller = ControllerSettings.defaults(namespace).withLeaseName("billing-identity-operator");
    if (identity != null) {
      controller = controller.withIdentity(identity);
    }
    Operator.Options options = Operator.Options.defaults(namespace).withController(controller)
        .withTimings(OperatorTimings.defaults().withResyncPeriod(Duration.ofSeconds(resyncSeconds)))
        .withEndpoints(metricsAddress, metricsPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Operator operator = Operator.start(client,
        region -> byRegion.computeIfAbsent(region, r -> backends.aws(connection, r)), options);
    Thread shutdown = new Thread(() -> stop(operator, backends, client, stopped), "billing-identity-operator-stop");
    Runtime.getRuntime().addShutdownHook(shutdown);
    out.println("operator: lease " + namespace + "/billing-identity-operator as " + controller.identity()
        + "; endpoints " + operator.endpoints() + " (/metrics, /healthz, /readyz); resync every " + resyncSeconds
        + " s");
    out.println("operator running; Ctrl-C stops it");
    out.flush();
    try {
      stopped.await();
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      // Embedded and interrupted: a request to stop, as SIGTERM is for the process.
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } finally {
      if (stopped.getCount() > 0) {
        // Interrupted, or embedded: stop here, once.
        try {
          Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
        stop(operator, backends, client, stopped);
      }
    }
  }

  private static synchronized void stop(Operator operator, DefaultBackends backends, KubernetesClient client,
      CountDownLatch stopped) {
    if (stopped.getCount() == 0) {
      return;
    }
    operator.close(); // finishes the pass in flight, releases the lease
    backends.close();
    client.close();
    stopped.countDown();
  }
}
