package dev.billingidentity.testing.cluster;

import java.util.Map;

/**
 * The environment the EKS webhooks inject into a pod at its creation, and nothing else gives it: the way a test tells
 * whether a pod has working credentials, and of which kind (values as the shared FACTS give them).
 */
public final class IdentityEnv {
  private IdentityEnv() {}

  /** The service account annotation IRSA's webhook reads (not {@code eks.amazon.aws/role-arn}, as the guide says). */
  public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
  /** IRSA: the role to assume with the web identity token. */
  public static final String AWS_ROLE_ARN = "AWS_ROLE_ARN";
  /** IRSA: where the projected service account token is. */
  public static final String AWS_WEB_IDENTITY_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
  /** IRSA: the value of {@link #AWS_WEB_IDENTITY_TOKEN_FILE}. */
  public static final String WEB_IDENTITY_TOKEN_FILE = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";
  /** Pod Identity: where the SDK fetches credentials (the agent). */
  public static final String AWS_CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  /** Pod Identity: the value of {@link #AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
  public static final String CREDENTIALS_URI = "http://169.254.170.23/v1/credentials";
  /** Pod Identity: where the token that authorises the agent call is. */
  public static final String AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
  /** Pod Identity: the value of {@link #AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}. */
  public static final String POD_IDENTITY_TOKEN_FILE =
      "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token";

  /** IRSA's variables for a role. */
  public static Map<String, String> irsa(String roleArn) {
    return Map.of(AWS_ROLE_ARN, roleArn, AWS_WEB_IDENTITY_TOKEN_FILE, WEB_IDENTITY_TOKEN_FILE);
  }

  /** Pod Identity's variables. */
  public static Map<String, String> podIdentity() {
    return Map.of(AWS_CONTAINER_CREDENTIALS_FULL_URI, CREDENTIALS_URI,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, POD_IDENTITY_TOKEN_FILE);
  }

  /** Whether a pod's environment gives it AWS credentials of either kind. */
  public static boolean hasCredentials(Map<String, String> env) {
    return env.containsKey(AWS_ROLE_ARN) || env.containsKey(AWS_CONTAINER_CREDENTIALS_FULL_URI);
  }
}
