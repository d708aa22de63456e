package dev.billingidentity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.kubernetes.Fabric8Cluster;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The CLI's cluster port made ahead of its first call: a making under way when the command closes its backends is
 * waited for and closed, nothing is made ahead once closed, and an error of the making ahead reaches the first call
 * as it was.
 */
class LazyClusterTest {
  private static Fabric8Cluster nowhere() {
    return new Fabric8Cluster(new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build()).build());
  }

  @Test
  void aClientBeingMadeAheadWhenTheCommandClosesIsClosedToo() throws Exception {
    CountDownLatch making = new CountDownLatch(1);
    CountDownLatch mayFinish = new CountDownLatch(1);
    Fabric8Cluster made = nowhere();
    LazyCluster cluster = new LazyCluster(() -> {
      making.countDown();
      await(mayFinish);
      return made;
    });
    cluster.prepareInBackground();
    assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closing = new Thread(cluster::close);
    closing.start();
    mayFinish.countDown();
    closing.join(Duration.ofSeconds(10).toMillis());

    assertThat(closing.isAlive()).isFalse();
    assertThat(made.client().getHttpClient().isClosed()).isTrue();
  }

  @Test
  void nothingIsMadeAheadOnceClosed() throws Exception {
    AtomicInteger makings = new AtomicInteger();
    LazyCluster cluster = new LazyCluster(() -> {
      makings.incrementAndGet();
      return nowhere();
    });
    cluster.close();

    cluster.prepareInBackground();
    Thread.sleep(200);   // room for the prepare thread, had it anything to do

    assertThat(makings).hasValue(0);
    assertThat(cluster.made()).isEmpty();
  }

  @Test
  void aLinkageErrorOfTheMakingAheadReachesTheFirstCallAsItWas() throws Exception {
    ExceptionInInitializerError failure = new ExceptionInInitializerError(new IllegalStateException("static init"));
    AtomicInteger makings = new AtomicInteger();
    LazyCluster cluster = new LazyCluster(() -> {
      makings.incrementAndGet();
      throw failure;
    });
    cluster.prepareInBackground();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (makings.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThatThrownBy(cluster::cluster).isSameAs(failure);
    assertThat(makings).as("not made a second time").hasValue(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
