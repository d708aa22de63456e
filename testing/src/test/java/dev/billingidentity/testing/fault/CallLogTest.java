package dev.billingidentity.testing.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@link CallLog#awaitCount}: true once another thread has made the calls, false when they never come. */
class CallLogTest {
  @Test
  void awaitCountSeesCallsMadeOnAnotherThread() throws Exception {
    CallLog log = new CallLog();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        waiting.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.record("GetRole", false);
      log.record("GetRole", false);
    });
    caller.start();
    waiting.countDown();

    assertThat(log.awaitCount("GetRole", 2, Duration.ofSeconds(10))).isTrue();
    caller.join();
  }

  @Test
  void awaitCountGivesUpAfterItsTimeout() {
    CallLog log = new CallLog();
    log.record("GetRole", false);

    assertThat(log.awaitCount("GetRole", 2, Duration.ofMillis(20))).isFalse();
    assertThat(log.awaitCount("HeadBucket", 1, Duration.ZERO)).isFalse();
    assertThat(log.awaitCount("GetRole", 1, Duration.ZERO)).as("already there").isTrue();
  }
}
