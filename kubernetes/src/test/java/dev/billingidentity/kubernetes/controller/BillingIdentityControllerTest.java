package dev.billingidentity.kubernetes.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.kubernetes.SpacesResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller on fabric8's mock server (CRUD mode): leases, informers and reconciles for real, short timings. */
@EnableKubernetesMockClient(crud = true)
class BillingIdentityControllerTest {
  KubernetesClient client;
  KubernetesMockServer server;

  // A Lease's renewTime is a MicroTime.
  private static final DateTimeFormatter RENEW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private final List<AutoCloseable> toClose = new ArrayList<>();

  private static final ControllerSettings FAST = ControllerSettings.defaults("billing-identity")
      .withLeaseTimings(Duration.ofMillis(1000), Duration.ofMillis(600), Duration.ofMillis(100))
      .withDebounce(Duration.ofMillis(100))
      .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void reconcilesOnceWhenItTakesTheLeaseAndAgainWhenAControlPlaneIsAddedOrDeleted() throws Exception {
    givenControlPlane("team-a", "existing");
    AtomicInteger passes = new AtomicInteger();
    BillingIdentityController controller = controller(client, FAST.withIdentity("a"), () -> {
      passes.incrementAndGet();
      return new ReconcileOutcome(1, "ok");
    });

    controller.start();
    await(() -> passes.get() == 1);
    Thread.sleep(400); // the informers' initial ADD events fall in the same debounce window
    assertThat(passes).hasValue(1);

    givenControlPlane("team-a", "added");
    await(() -> passes.get() == 2);
    client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace("team-a").withName("added").delete();
    await(() -> passes.get() == 3);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mxp-1-system")
        .addToLabels(SpacesResources.CONTROL_PLANE_NAME_LABEL, "existing").endMetadata().build()).create();
    await(() -> passes.get() == 4);

    Thread.sleep(300);
    assertThat(controller.stats()).satisfies(s -> {
      assertThat(s.leader()).isTrue();
      assertThat(s.reconciles()).isEqualTo(4);
      assertThat(s.failures()).isZero();
      assertThat(s.writes()).isEqualTo(4);
      assertThat(s.lastSuccess()).isPresent();
    });
  }

  @Test
  void withoutTheControlPlaneCrdItReconcilesAtStartAndStillWatchesHostNamespaces() throws Exception {
    // What a cluster without the CRD answers to the informer's first list (and to every retry of it).
    server.expect().get().withPath("/apis/spaces.upbound.io/v1beta1/controlplanes?resourceVersion=0")
        .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound")
            .withMessage("the server could not find the requested resource").build())
        .always();
    AtomicInteger passes = new AtomicInteger();
    BillingIdentityController controller = controller(client, FAST.withIdentity("a"), () -> {
      passes.incrementAndGet();
      return new ReconcileOutcome(0, "ok");
    });

    controller.start();
    await(() -> passes.get() == 1);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mxp-1-system")
        .addToLabels(SpacesResources.CONTROL_PLANE_NAME_LABEL, "billing").endMetadata().build()).create();
    await(() -> passes.get() == 2);
  }

  @Test
  void aBurstOfChangesMakesOneReconcile() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    BillingIdentityController controller = controller(client, FAST.withIdentity("a")
        .withDebounce(Duration.ofMillis(300)), () -> new ReconcileOutcome(0, "pass " + passes.incrementAndGet()));
    controller.start();
    await(() -> passes.get() == 1);

    for (int i = 0; i < 10; i++) {
      givenControlPlane("team-a", "cp-" + i);
    }
    await(() -> passes.get() >= 2);
    Thread.sleep(700);

    assertThat(passes).hasValue(2);
  }

  @Test
  void aRequestedReconcileRunsOnlyOnTheLeaderAndTheWaitingRequestsAreItsQueueDepth() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    BillingIdentityController controller = controller(client, FAST.withIdentity("a"), () -> {
      if (passes.incrementAndGet() == 2) {
        release.await(); // the second pass is held, so that requests pile up behind it
      }
      return new ReconcileOutcome(0, "ok");
    });
    BillingIdentityController standBy = controller(client, FAST.withIdentity("b"), () -> {
      throw new AssertionError("a stand-by never reconciles");
    });
    controller.start();
    await(() -> passes.get() == 1);
    standBy.start();
    assertThat(controller.leadershipTerms()).isEqualTo(1);
    assertThat(standBy.leadershipTerms()).isZero();

    standBy.requestReconcile();
    assertThat(standBy.queueDepth()).isZero();
    controller.requestReconcile();
    await(() -> passes.get() == 2);
    controller.requestReconcile();
    controller.requestReconcile();
    controller.requestReconcile();
    assertThat(controller.queueDepth()).isEqualTo(3);
    release.countDown();
    await(() -> passes.get() == 3);
    await(() -> controller.queueDepth() == 0);
    Thread.sleep(300);
    assertThat(passes).hasValue(3);
  }

  @Test
  void aFailingReconcileIsRetriedWithBackoffAndCounted() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BillingIdentityController controller = controller(client, FAST.withIdentity("a"), () -> {
      if (calls.incrementAndGet() <= 3) {
        throw new IllegalStateException("IAM throttled");
      }
      return new ReconcileOutcome(2, "recovered");
    });
    long started = System.nanoTime();

    controller.start();
    await(() -> controller.stats().writes() == 2);

    // 50 + 100 + 200 ms of backoff at least between the four passes
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    assertThat(controller.stats()).satisfies(s -> {
      assertThat(s.reconciles()).isEqualTo(4);
      assertThat(s.failures()).isEqualTo(3);
    });
  }

  @Test
  void twoControllersNeverReconcileConcurrentlyAndOnlyTheLeaderReconcilesUntilItCloses() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger passesA = new AtomicInteger();
    AtomicInteger passesB = new AtomicInteger();
    KubernetesClient otherClient = server.createClient();
    toClose.add(otherClient);
    BillingIdentityController a = controller(client, FAST.withIdentity("a"), guarded(inFlight, overlaps, passesA));
    BillingIdentityController b = controller(otherClient, FAST.withIdentity("b"), guarded(inFlight, overlaps, passesB));

    a.start();
    b.start();
    await(() -> passesA.get() + passesB.get() >= 1);
    for (int i = 0; i < 5; i++) {
      givenControlPlane("team-a", "cp-" + i);
      Thread.sleep(150);
    }
    Thread.sleep(1500); // longer than the lease: a stand-by that could steal it would have done so

    boolean aLeads = a.isLeader();
    assertThat(aLeads).isNotEqualTo(b.isLeader());
    assertThat(aLeads ? passesB : passesA).hasValue(0);
    assertThat(aLeads ? passesA : passesB).hasValueGreaterThanOrEqualTo(2);

    BillingIdentityController leader = aLeads ? a : b;
    BillingIdentityController standBy = aLeads ? b : a;
    AtomicInteger standByPasses = aLeads ? passesB : passesA;
    leader.close();
    await(standBy::isLeader);
    await(() -> standByPasses.get() >= 1);
    givenControlPlane("team-b", "after-takeover");
    await(() -> standByPasses.get() >= 2);

    assertThat(overlaps).hasValue(0);
    assertThat(leader.stats().leader()).isFalse();
  }

  @Test
  void losingTheLeaseInterruptsTheReconcileInFlightAndStopsReconciling() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    AtomicInteger interrupted = new AtomicInteger();
    BillingIdentityController controller = controller(client, FAST.withIdentity("a"), () -> {
      passes.incrementAndGet();
      try {
        Thread.sleep(60_000); // a long apply, e.g. waiting for rollouts
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      }
      return new ReconcileOutcome(0, "done");
    });
    controller.start();
    await(() -> passes.get() == 1);

    // Another replica's claim, as if this one had been partitioned away: renewals now fail. A merge patch, because
    // the leader renews every 100 ms and an update would race it on the resource version.
    client.leases().inNamespace("billing-identity").withName("billing-identity-controller")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"holderIdentity\":\"intruder\","
            + "\"leaseDurationSeconds\":60,\"renewTime\":\"" + RENEW_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
            + "\"}}");

    await(() -> !controller.isLeader());
    await(() -> interrupted.get() == 1);
    givenControlPlane("team-a", "while-not-leading");
    Thread.sleep(400);

    assertThat(passes).hasValue(1);
    assertThat(controller.stats().failures()).as("an interrupt on lease loss is not a failure").isZero();
  }

  @Test
  void afterCloseNothingReconciles() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    BillingIdentityController controller = controller(client, FAST.withIdentity("a"), () -> {
      passes.incrementAndGet();
      return new ReconcileOutcome(0, "ok");
    });
    controller.start();
    await(() -> passes.get() == 1);

    controller.close();
    givenControlPlane("team-a", "late");
    Thread.sleep(400);

    assertThat(passes).hasValue(1);
    assertThat(controller.isLeader()).isFalse();
  }

  private static Reconciler guarded(AtomicInteger inFlight, AtomicInteger overlaps, AtomicInteger passes) {
    return () -> {
      if (inFlight.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      try {
        passes.incrementAndGet();
        Thread.sleep(80); // long enough for an overlap to be seen if leadership were shared
        return new ReconcileOutcome(0, "ok");
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }

  private BillingIdentityController controller(KubernetesClient c, ControllerSettings settings, Reconciler r) {
    BillingIdentityController controller = new BillingIdentityController(c, settings, r);
    toClose.add(0, controller); // controllers close before their clients
    return controller;
  }

  private void givenControlPlane(String group, String name) {
    client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace(group)
        .resource(new GenericKubernetesResourceBuilder().withApiVersion("spaces.upbound.io/v1beta1")
            .withKind("ControlPlane").withNewMetadata().withNamespace(group).withName(name).endMetadata().build())
        .create();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
