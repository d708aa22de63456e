package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.testing.FakeSpace;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An operation's state ({@link StrategyContext#state}) is made once, by its first caller; making one (which may call
 * AWS for seconds: the bucket check, the Pod Identity target) holds up no other state, and may ask for another.
 */
class StrategyContextStateTest {
  /** Two dozen values of as many classes: states of their own. */
  private static final List<Object> OTHERS = List.of("text", 1, 2L, (short) 3, (byte) 4, 5.0, 6f, 'c', true,
      new StringBuilder(), new int[0], new long[0], new short[0], new byte[0], new char[0], new boolean[0],
      new float[0], new double[0], new String[0], new Object[0], new Integer[0], new Exception(), new Error(),
      new int[0][0]);

  private final StrategyContext context = Fixtures.podIdentity(FakeSpace.withControlPlanes(1).build()).newContext();

  @Test
  void aStateBeingMadeHoldsUpNoOtherState() throws Exception {
    CountDownLatch making = new CountDownLatch(1);
    CountDownLatch mayFinish = new CountDownLatch(1);
    CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> context.state(Object.class, () -> {
      making.countDown();
      await(mayFinish, 60);
      return "slow";
    }));
    assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();

    // Two dozen other states, some in the slow one's bin of the map: each is made while the slow one is.
    try {
      CompletableFuture.runAsync(() -> OTHERS.forEach(value ->
          assertThat(context.state(classOf(value), () -> value)).isSameAs(value))).get(5, TimeUnit.SECONDS);
    } finally {
      mayFinish.countDown();
    }

    assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
  }

  @Test
  void aStateIsMadeOnceAndMayAskForAnother() {
    AtomicInteger makings = new AtomicInteger();

    for (int i = 0; i < 3; i++) {
      assertThat(context.state(Object.class, () -> {
        makings.incrementAndGet();
        return context.state(String.class, () -> "inner") + "+outer";
      })).isEqualTo("inner+outer");
    }

    assertThat(makings).hasValue(1);
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> classOf(Object value) {
    return (Class<Object>) value.getClass();
  }

  private static void await(CountDownLatch latch, int seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
