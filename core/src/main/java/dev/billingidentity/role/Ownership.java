package dev.billingidentity.role;

import java.util.List;
import java.util.Map;

/**
 * How the library marks what it owns: a tag on roles and associations it created (or was told to adopt), and a
 * {@code Sid} prefix on trust statements it wrote ({@link dev.billingidentity.policy.BillingPolicies#OWNED_SID_PREFIX}).
 * It changes nothing that does not carry these marks.
 */
public final class Ownership {
  private Ownership() {}

  /** The tag key that marks a resource as the library's. */
  public static final String TAG_KEY = "billing-identity.dev/managed-by";
  /** The tag value that marks a resource as the library's. */
  public static final String TAG_VALUE = "billing-identity";
  /** The tag key naming the EKS cluster a resource serves. */
  public static final String CLUSTER_TAG_KEY = "billing-identity.dev/cluster";

  /** The keys of the tags the library writes itself: a caller's settings may not name them. */
  public static final List<String> TAG_KEYS = List.of(TAG_KEY, CLUSTER_TAG_KEY);

  /** {@return the tags the library puts on what it creates for {@code cluster}} */
  public static Map<String, String> tags(String cluster) {
    return Map.of(TAG_KEY, TAG_VALUE, CLUSTER_TAG_KEY, cluster);
  }

  /** {@return whether {@code tags} mark the resource as the library's} */
  public static boolean isOwned(Map<String, String> tags) {
    return TAG_VALUE.equals(tags.get(TAG_KEY));
  }
}
