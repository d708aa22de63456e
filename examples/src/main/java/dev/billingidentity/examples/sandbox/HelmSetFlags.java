package dev.billingidentity.examples.sandbox;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.helm.HelmValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code --set} flags that {@code billing-identity helm-values} prints (and that a user passes to
 * {@code helm upgrade}) back into {@link HelmValues}, so the sandbox can play the chart with exactly what the user
 * would give Helm. Keys are compared as Helm writes them: dots inside a key are escaped ({@code eks\.amazonaws\.com}).
 */
final class HelmSetFlags {
  static final String ENABLED = "billing.enabled";
  static final String PROVIDER = "billing.storage.provider";
  static final String SECRET_REF = "billing.storage.secretRef.name";
  static final String REGION = "billing.storage.aws.region";
  static final String BUCKET = "billing.storage.aws.bucket";
  static final String ROLE_ARN = "controlPlanes.vector.serviceAccount.customAnnotations.eks\\.amazonaws\\.com/role-arn";

  private HelmSetFlags() {}

  /**
   * The values in {@code text}: {@code --set key=value} flags, one or more a line, values optionally quoted.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  static HelmValues parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] parts = text.trim().split("--set(\\s+|=)");
    for (String part : parts) {
      String flag = part.trim();
      if (flag.length() > 1 && flag.startsWith("\"") && flag.indexOf('"', 1) == flag.length() - 1) {
        flag = flag.substring(1, flag.length() - 1); // --set "key=value"
      }
      if (flag.isEmpty()) {
        continue;
      }
      int eq = separator(flag);
      if (eq < 0) {
        throw new IllegalArgumentException("--set " + flag + ": expected key=value");
      }
      values.put(unquote(flag.substring(0, eq)), unquote(flag.substring(eq + 1)));
    }
    // What makes the chart give vector workload identity rather than no billing, another provider or the static
    // secret (FACTS): anything else would run without the role on a real Space, so the sandbox refuses it.
    require(values, ENABLED, "true");
    require(values, PROVIDER, "aws");
    require(values, SECRET_REF, "");
    String region = values.get(REGION);
    String bucket = values.get(BUCKET);
    if (region == null || region.isBlank() || bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("the values must set " + REGION + " and " + BUCKET
          + " (as billing-identity helm-values prints them); got " + values.keySet());
    }
    BillingStorage storage = BillingStorage.s3(region, bucket);
    String roleArn = values.get(ROLE_ARN);
    return roleArn == null || roleArn.isBlank() ? HelmValues.podIdentity(storage) : HelmValues.irsa(storage, roleArn);
  }

  private static void require(Map<String, String> values, String key, String expected) {
    String actual = values.get(key);
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(key + " must be set to \"" + expected + "\" for workload identity, was "
          + (actual == null ? "not set" + (key.equals(SECRET_REF) ? " (the chart's default is billing-storage, the "
              + "static secret)" : "") : "\"" + actual + "\""));
    }
  }

  /** The first {@code =} outside double quotes: keys may quote a segment that holds dots or slashes. */
  private static int separator(String flag) {
    boolean quoted = false;
    for (int i = 0; i < flag.length(); i++) {
      char c = flag.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '=' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String s) {
    return s.trim().replace("\"", "").replace("'", "");
  }
}
