package dev.billingidentity.awssdk;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loggers of the SDK's stack that print credentials when enabled, found by running the adapters with every
 * logger at TRACE and searching the output:
 *
 * <ul>
 *   <li>{@code org.apache.hc.client5.http.headers} and {@code org.apache.hc.client5.http.wire} (DEBUG): every
 *       request's {@code Authorization} header (the access key id and the signature) and
 *       {@code X-Amz-Security-Token} (the session token);
 *   <li>{@code software.amazon.awssdk.http.auth.aws.internal.signer} (DEBUG): the canonical request it signs,
 *       session token included.
 * </ul>
 *
 * A library cannot turn another library's loggers off in the application's logging backend, and these loggers
 * decide for themselves; so the adapters check them when they are built and warn, once per JVM, naming them. The
 * {@code billing-identity} CLI turns them off itself.
 */
final class CredentialLoggers {
  /** Each logger that prints credentials, at DEBUG and below. */
  static final List<String> NAMES = List.of(
      "org.apache.hc.client5.http.headers",
      "org.apache.hc.client5.http.wire",
      "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner");

  private static final Logger LOG = LoggerFactory.getLogger(CredentialLoggers.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private CredentialLoggers() {}

  /** The loggers of {@link #NAMES} that are enabled now. */
  static List<String> enabled() {
    return NAMES.stream().filter(name -> LoggerFactory.getLogger(name).isDebugEnabled()).toList();
  }

  /** Warns once when any of them is enabled. */
  static void warnIfEnabled() {
    List<String> enabled = enabled();
    if (!enabled.isEmpty() && WARNED.compareAndSet(false, true)) {
      LOG.warn("logger(s) {} at DEBUG print AWS credentials (access key id, session token, signature) with every "
          + "request: set them to INFO or above in your logging configuration", String.join(", ", enabled));
    }
  }
}
