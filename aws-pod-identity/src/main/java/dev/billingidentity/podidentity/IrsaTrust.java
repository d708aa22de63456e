package dev.billingidentity.podidentity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the library's IRSA statements of a trust policy without knowing the cluster's issuer: which host namespaces'
 * vector they trust (the {@code <issuer>:sub} condition of the exact-subjects statement) and whether the opt-in
 * host-namespace pattern is trusted. The migration needs this to know who still depends on IRSA.
 */
final class IrsaTrust {
  private static final Pattern DEFAULT_HOST_NAMESPACE = Pattern.compile("mxp-.*-system");

  private IrsaTrust() {}

  /** Whether the trust holds any of the library's IRSA statements (exact subjects or pattern). */
  static boolean present(PolicyDocument trust) {
    return !trust.statementsWithSidPrefix(BillingPolicies.IRSA_SID).isEmpty();
  }

  /** The host namespaces whose {@code serviceAccount} the library's exact-subjects IRSA statement trusts. */
  static Set<String> hostNamespaces(PolicyDocument trust, String serviceAccount) {
    Set<String> out = new TreeSet<>();
    String prefix = "system:serviceaccount:";
    String suffix = ":" + serviceAccount;
    for (Statement s : trust.statements()) {
      if (s.sid().filter(BillingPolicies.IRSA_SID::equals).isEmpty()) {
        continue;
      }
      JsonNode equals = s.element("Condition").map(c -> c.path("StringEquals")).orElse(null);
      if (equals == null || !equals.isObject()) {
        continue;
      }
      for (Iterator<String> keys = equals.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!key.endsWith(":sub")) {
          continue;
        }
        for (String subject : s.conditionValues("StringEquals", key)) {
          if (subject.startsWith(prefix) && subject.endsWith(suffix)) {
            String ns = subject.substring(prefix.length(), subject.length() - suffix.length());
            if (!ns.isEmpty() && !ns.contains(":")) {
              out.add(ns);
            }
          }
        }
      }
    }
    return out;
  }

  /** Whether the trust holds the library's opt-in statement for every default host namespace. */
  static boolean pattern(PolicyDocument trust) {
    return !trust.statementsWithSidPrefix(BillingPolicies.IRSA_PATTERN_SID).isEmpty();
  }

  /** Whether the opt-in pattern covers {@code hostNamespace} (default {@code mxp-<id>-system} names only). */
  static boolean coveredByPattern(String hostNamespace) {
    return DEFAULT_HOST_NAMESPACE.matcher(hostNamespace).matches();
  }
}
