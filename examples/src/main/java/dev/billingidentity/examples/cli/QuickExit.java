package dev.billingidentity.examples.cli;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link BillingIdentityCli#main} does right before {@code System.exit}, so that the JVM exits at once.
 *
 * <p>HotSpot's exit waits up to 300 ms for threads that run native code to block ({@code
 * VM_Exit::wait_for_threads_in_native_to_block}). The JDK HTTP client under fabric8's cluster client keeps a
 * selector thread in {@code epoll_wait} for as long as the client is reachable: JDK 17's {@code HttpClient} has no
 * {@code close()}, and fabric8's close shuts down the client's executor, not that thread. So every command that read
 * the cluster spent 0.3 s after its last output, a fifth of a {@code plan} (BENCHMARKS.md, CLI start). The selector
 * loop takes an interrupt as its signal to stop (it closes its connections and ends), so {@code main}, whose JVM is
 * about to exit and whose every call has ended, interrupts those threads. Only {@code main}: an application that
 * embeds the CLI ({@link BillingIdentityCli#run}) keeps its own HTTP clients.
 */
final class QuickExit {
  private static final Logger LOG = LoggerFactory.getLogger(QuickExit.class);

  /** The JDK's name for an HTTP client's selector thread: {@code "HttpClient-" + id + "-SelectorManager"}. */
  static final Pattern HTTP_CLIENT_SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

  /** The longest wait for one selector thread to end; it ends within milliseconds of its interrupt. */
  static final Duration WAIT = Duration.ofMillis(100);

  private QuickExit() {}

  /** Stops the JDK HTTP clients' selector threads of this JVM, waiting for each at most {@link #WAIT}. */
  static void stopHttpClientSelectors() {
    stopHttpClientSelectors(Thread.getAllStackTraces().keySet());
  }

  /** Stops those of {@code threads} that are JDK HTTP clients' selector threads; the others are left alone. */
  static void stopHttpClientSelectors(Collection<Thread> threads) {
    List<Thread> selectors = threads.stream()
        .filter(t -> HTTP_CLIENT_SELECTOR.matcher(t.getName()).matches())
        .toList();
    for (Thread selector : selectors) {
      selector.interrupt();
    }
    for (Thread selector : selectors) {
      try {
        selector.join(WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (selector.isAlive()) {
        LOG.debug("{} did not stop within {} ms; the JVM's exit waits for it", selector.getName(), WAIT.toMillis());
      }
    }
  }
}
