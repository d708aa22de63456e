package dev.billingidentity.examples.cli;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.Problems;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that call AWS and the cluster share: inputs checked whole before any call, then a
 * {@link BillingIdentity} on the chosen backends.
 */
abstract class OperationCommand implements Callable<Integer> {
  @Mixin IdentityOptions identity;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  /** Set by {@link BillingIdentityCli} before the command runs. */
  Backends backends;

  /** Runs the command, then closes the backends it used. */
  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } finally {
      backends.close();
    }
  }

  /** The command itself; every input problem is reported before any call. */
  abstract Integer run() throws Exception;

  /** The library, configured from the options; every input problem is reported before any call. */
  BillingIdentity billingIdentity() {
    return billingIdentity(new Problems());
  }

  /**
   * The library, configured from the options; every input problem, those of the command's own options found so far
   * in {@code p} included, is reported together before any call.
   */
  BillingIdentity billingIdentity(Problems p) {
    IdentitySettings settings = identity.settings(p);
    ControlPlanes controlPlanes = identity.controlPlanes(p);
    connection.check(p);
    output.check(p);
    InvalidInput.check(p);
    BillingIdentity bi = settings instanceof IrsaSettings irsa
        ? BillingIdentity.irsa(irsa)
        : BillingIdentity.podIdentity((PodIdentitySettings) settings);
    return bi.using(backends.aws(connection, settings.storage().region()), backends.cluster(connection))
        .forControlPlanes(controlPlanes)
        .withProgress(output.display(spec.commandLine().getErr()));
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Prints an apply's result, with the HTTP requests it took where the backends count them ({@code httpRequests}:
   * {@code aws}, retries included, and {@code kubernetes}), as text or JSON.
   */
  void print(dev.billingidentity.ApplyResult result) {
    print(result, json -> { });
  }

  /** Like {@link #print(dev.billingidentity.ApplyResult)}, with {@code more} added to the JSON form. */
  void print(dev.billingidentity.ApplyResult result,
      java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> more) {
    java.util.Map<String, Long> http = backends.httpRequests();
    com.fasterxml.jackson.databind.node.ObjectNode json = result.toJson();
    more.accept(json);
    com.fasterxml.jackson.databind.node.ObjectNode requests = json.putObject("httpRequests");
    http.forEach(requests::put);
    String text = result.render();
    if (!http.isEmpty()) {
      text += "HTTP requests: " + http.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
          .collect(java.util.stream.Collectors.joining(", ")) + "\n";
    }
    print(text, json);
  }

  /** Prints text or JSON, as {@code --output} says. */
  void print(String text, com.fasterxml.jackson.databind.JsonNode json) {
    out().print(output.json() ? json.toPrettyString() + "\n" : text);
    out().flush();
  }
}
