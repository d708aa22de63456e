package dev.billingidentity.examples.operator;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import java.util.Map;
import java.util.Optional;

/**
 * Whether vector's pods were started with the mode's credentials, read from the pods' environment as the EKS
 * webhooks inject it, and whether a restart can help: a pod is given IRSA's credentials only when its service
 * account carries the role-ARN annotation (the Space's Helm values put it there, not the operator), and Pod
 * Identity's are ignored by the SDK while an IRSA annotation is still there.
 */
final class PodCredentials {
  static final String AWS_ROLE_ARN = "AWS_ROLE_ARN";
  static final String AWS_WEB_IDENTITY_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
  static final String AWS_CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

  private final IdentityMode mode;
  private final String roleArn;

  PodCredentials(IdentityMode mode, String roleArn) {
    this.mode = mode;
    this.roleArn = roleArn;
  }

  /** Whether the pod's environment holds the mode's credentials (for this role, with IRSA). */
  boolean has(PodInfo pod) {
    Map<String, String> env = pod.env();
    if (mode == IdentityMode.IRSA) {
      return roleArn.equals(env.get(AWS_ROLE_ARN)) && env.containsKey(AWS_WEB_IDENTITY_TOKEN_FILE);
    }
    return env.containsKey(AWS_CONTAINER_CREDENTIALS_FULL_URI) && env.containsKey(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE);
  }

  /**
   * Why restarting the service account's pods would not give them credentials, if so: the service account is
   * missing, or (IRSA) lacks the role-ARN annotation, or (Pod Identity) still carries one.
   */
  Optional<String> whyRestartCannotHelp(String namespace, Optional<ServiceAccountInfo> account) {
    if (account.isEmpty()) {
      return Optional.of("service account " + namespace + "/vector does not exist (is billing enabled in the Space?)");
    }
    String annotation = account.get().annotations().get(HelmValues.ROLE_ARN_ANNOTATION);
    if (mode == IdentityMode.IRSA && !roleArn.equals(annotation)) {
      return Optional.of("service account " + namespace + "/vector has " + HelmValues.ROLE_ARN_ANNOTATION + "="
          + (annotation == null ? "(none)" : annotation) + ", not " + roleArn + ": set the Space's Helm values "
          + "(status.helmSetFlags)");
    }
    if (mode == IdentityMode.POD_IDENTITY && annotation != null) {
      return Optional.of("service account " + namespace + "/vector still has " + HelmValues.ROLE_ARN_ANNOTATION
          + ", whose IRSA credentials win over Pod Identity's: remove it with the Space's Helm values");
    }
    return Optional.empty();
  }
}
