package dev.billingidentity.podidentity;

import dev.billingidentity.spi.cluster.PodInfo;

/**
 * Which AWS credentials a pod's SDK uses, judged from the environment the EKS webhook injected when the pod was
 * created (a running pod keeps it until it is replaced).
 */
public enum PodCredentials {
  /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}, and no IRSA. */
  POD_IDENTITY,
  /**
   * IRSA's {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE}, with or without Pod Identity's variables:
   * the SDKs' default chain tries web identity before the container credentials, so IRSA wins while both are set.
   */
  WEB_IDENTITY,
  /** Neither: the pod has no workload identity (it would need static keys). */
  NONE;

  /** Injected by EKS Pod Identity: the agent's credentials endpoint. */
  public static final String FULL_URI_ENV = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  /** Injected by EKS Pod Identity: the projected token the agent checks. */
  public static final String AUTHORIZATION_TOKEN_FILE_ENV = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
  /** Injected by IRSA: the role to assume with web identity. */
  public static final String ROLE_ARN_ENV = "AWS_ROLE_ARN";
  /** Injected by IRSA: the projected service account token. */
  public static final String WEB_IDENTITY_TOKEN_FILE_ENV = "AWS_WEB_IDENTITY_TOKEN_FILE";

  /** The credentials {@code pod} uses. */
  public static PodCredentials of(PodInfo pod) {
    if (has(pod, ROLE_ARN_ENV) && has(pod, WEB_IDENTITY_TOKEN_FILE_ENV)) {
      return WEB_IDENTITY;
    }
    if (has(pod, FULL_URI_ENV) && has(pod, AUTHORIZATION_TOKEN_FILE_ENV)) {
      return POD_IDENTITY;
    }
    return NONE;
  }

  private static boolean has(PodInfo pod, String name) {
    String v = pod.env().get(name);
    return v != null && !v.isEmpty();
  }
}
