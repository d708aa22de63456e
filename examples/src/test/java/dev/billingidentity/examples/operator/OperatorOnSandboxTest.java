package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.kubernetes.controller.BillingIdentityController;
import dev.billingidentity.kubernetes.controller.ControllerSettings;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.cluster.IdentityEnv;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The operator's reconcile, run by the real controller on a sandbox through the real adapters over HTTP: the
 * identity is kept true as control planes come and go, with no one running a command.
 */
class OperatorOnSandboxTest {
  private static final String ROLE = "spaces-billing";
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");

  private Sandbox sandbox;
  private AwsAdapters aws;
  private BillingIdentityController controller;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().controlPlanes(2).start();
    aws = AwsAdapters.builder().region(Sandbox.REGION).endpointOverride(sandbox.awsEndpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)))
        .build();
    BillingIdentity identity = BillingIdentity.irsa(IrsaSettings.builder().cluster(Sandbox.CLUSTER)
            .role(IamRole.named(ROLE)).storage(STORAGE).build())
        .using(aws.backend(), new Fabric8Cluster(sandbox.kubernetesClient()))
        .forControlPlanes(ControlPlanes.discovered());
    ControllerSettings fast = ControllerSettings.defaults("default")
        .withLeaseTimings(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(200))
        .withDebounce(Duration.ofMillis(200))
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    controller = new BillingIdentityController(sandbox.kubernetesClient(), fast,
        () -> BillingIdentityOperator.reconcile(identity));
    controller.start();
  }

  @AfterEach
  void stop() {
    controller.close();
    aws.close();
    sandbox.close();
  }

  private String trust() {
    return sandbox.aws().role(ROLE).map(r -> r.trustPolicyJson()).orElse("");
  }

  private static String subject(String hostNamespace) {
    return "system:serviceaccount:" + hostNamespace + ":vector";
  }

  /** One pod per control plane, and each with IRSA's credentials (none missing, none mid-rollout). */
  private boolean everyVectorPodHasIrsaCredentials() {
    List<Map<String, String>> pods = sandbox.vectorPodEnvironments();
    return pods.size() == sandbox.hostNamespaces().size()
        && pods.stream().allMatch(env -> env.containsKey(IdentityEnv.AWS_ROLE_ARN));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void keepsTheTrustAndThePodsTrueAsControlPlanesComeAndGo() throws InterruptedException {
    String first = sandbox.hostNamespaces().get(0);
    String second = sandbox.hostNamespaces().get(1);
    await("the role trusts both control planes", () -> trust().contains(subject(first))
        && trust().contains(subject(second)));

    // The platform team runs the Space's helm upgrade once; the operator restarts the pods that predate it.
    sandbox.applyHelmValues(HelmValues.irsa(STORAGE, "arn:aws:iam::123456789012:role/" + ROLE));
    sandbox.addControlPlane("default"); // an event, so that the operator looks again
    await("every vector pod has IRSA credentials", this::everyVectorPodHasIrsaCredentials);

    String third = sandbox.hostNamespaces().get(2);
    await("the new control plane is trusted", () -> trust().contains(subject(third)));

    sandbox.removeControlPlane(first);
    await("the deleted control plane is no longer trusted", () -> !trust().contains(subject(first)));

    assertThat(trust()).contains(subject(second), subject(third));
    assertThat(controller.stats().failures()).isZero();
  }
}
