package dev.billingidentity.irsa;

import dev.billingidentity.policy.BillingPolicies;
import java.util.Optional;
import java.util.regex.Pattern;

/** The exact IRSA subjects of vector: {@code system:serviceaccount:<host namespace>:<service account>}. */
final class Subjects {
  private Subjects() {}

  /** What {@link BillingPolicies#HOST_NAMESPACE_SUBJECT_PATTERN} matches: default host namespaces. */
  private static final Pattern DEFAULT_HOST_NAMESPACE = Pattern.compile("mxp-.*-system");

  static String of(String hostNamespace, String serviceAccount) {
    return BillingPolicies.subject(hostNamespace, serviceAccount);
  }

  /** The host namespace of a subject of {@code serviceAccount}, or empty for any other subject. */
  static Optional<String> hostNamespace(String subject, String serviceAccount) {
    String prefix = "system:serviceaccount:";
    String suffix = ":" + serviceAccount;
    if (!subject.startsWith(prefix) || !subject.endsWith(suffix)) {
      return Optional.empty();
    }
    String ns = subject.substring(prefix.length(), subject.length() - suffix.length());
    return ns.isEmpty() || ns.contains(":") ? Optional.empty() : Optional.of(ns);
  }

  /** Whether the opt-in pattern covers this host namespace (only default {@code mxp-<id>-system} ones). */
  static boolean coveredByPattern(String hostNamespace) {
    return DEFAULT_HOST_NAMESPACE.matcher(hostNamespace).matches();
  }
}
