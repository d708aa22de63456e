package dev.billingidentity.irsa;

import static dev.billingidentity.irsa.IrsaApplyTest.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** IAM has no conditional write: appliers that race on one role must still end with the union of their subjects. */
class IrsaConcurrentAppliersTest {

  private static BillingIdentity applier(FakeSpace space, String... namespaces) {
    return BillingIdentity.irsa(SETTINGS).using(space.aws().backend(), space.cluster())
        .withRetry(Retry.withoutDelay(5)).forControlPlanes(ControlPlanes.hostNamespaces(namespaces));
  }

  private static String trust(FakeSpace space) {
    return space.aws().role("spaces-billing").orElseThrow().trustPolicyJson();
  }

  @Test
  void aWriterThatOverwritesBetweenOurWriteAndOurReadBackIsMergedAgain() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    List<String> ns = space.hostNamespaces();
    applier(space, ns.get(0)).apply();
    String before = trust(space);
    // The other applier read the trust before our write and writes its own version right after it.
    space.aws().faults().beforeCall("GetRole", 3, () -> space.aws().setTrustPolicy("spaces-billing",
        before.replace(ns.get(0), ns.get(2))));

    applier(space, ns.get(1)).apply();

    assertThat(trust(space)).contains(ns.get(1)).contains(ns.get(2));
  }

  @Test
  void threadsApplyingDifferentControlPlanesEndWithTheUnion() throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(8).build();
    applier(space, space.hostNamespaces().get(0)).apply();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String a = space.hostNamespaces().get(2 * t);
      String b = space.hostNamespaces().get(2 * t + 1);
      done.add(pool.submit(() -> {
        start.await();
        return applier(space, a, b).apply();
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    PolicyDocument trust = PolicyDocument.parse(trust(space));
    for (String ns : space.hostNamespaces()) {
      assertThat(trust.toJson()).contains("system:serviceaccount:" + ns + ":vector");
    }
  }
}
