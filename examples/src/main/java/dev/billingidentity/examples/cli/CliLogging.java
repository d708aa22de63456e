package dev.billingidentity.examples.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The CLI's logging, settled before the first logger exists: slf4j-simple reads its settings once, from system
 * properties over {@code simplelogger.properties}.
 *
 * <p>Running the CLI with every logger at TRACE against the sandbox and searching the output found three sources
 * of credentials, all below the library: the Apache client's {@code headers} and {@code wire} loggers (the
 * {@code Authorization} header, so the access key id and the signature, and {@code X-Amz-Security-Token}), the
 * SDK's SigV4 signer (the canonical request, session token included) and fabric8's HTTP logging interceptor
 * ({@code Authorization: Bearer}). The fabric8 adapter leaves that interceptor out of its clients; the other
 * loggers are turned off here, whatever the user's {@code -Dorg.slf4j.simpleLogger...} settings say, and so are the
 * JDK HTTP client's own header logs, which a system property would turn on.
 */
final class CliLogging {
  /** Loggers that print credentials, turned off (their packages, so that a new class in one is covered too). */
  static final List<String> CREDENTIAL_LOGGERS = List.of(
      "org.apache.hc.client5.http.headers",
      "org.apache.hc.client5.http.wire",
      "org.apache.http.headers",
      "org.apache.http.wire",
      "software.amazon.awssdk.http.auth",
      "software.amazon.awssdk.auth.signer");

  /** The JDK HTTP client's switches for its own request logs (headers included). */
  static final List<String> JDK_HTTP_CLIENT_LOGGING = List.of("jdk.httpclient.HttpClient.log",
      "jdk.internal.httpclient.debug");

  static final String DEBUG_OPTION = "--debug";
  private static final String LEVEL = "org.slf4j.simpleLogger.log.";
  private static final String LIBRARY = "dev.billingidentity";

  private CliLogging() {}

  /** Settles the logging for a run with {@code args}; call it before anything logs. */
  static void configure(String[] args) {
    CREDENTIAL_LOGGERS.forEach(name -> System.setProperty(LEVEL + name, "off"));
    JDK_HTTP_CLIENT_LOGGING.forEach(System::clearProperty);
    if (Arrays.asList(args).contains(DEBUG_OPTION)) {
      // The library's own steps; a user who asked for more of them (trace) keeps it.
      if (System.getProperty(LEVEL + LIBRARY) == null) {
        System.setProperty(LEVEL + LIBRARY, "debug");
      }
    }
  }
}
