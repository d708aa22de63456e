package dev.billingidentity.testing.cluster;

import java.util.Map;

/** The environment the EKS webhooks inject into a pod when it is created (values in the shared FACTS). */
public final class IdentityEnv {
  private IdentityEnv() {}

  public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
  public static final String AWS_ROLE_ARN = "AWS_ROLE_ARN";
  public static final String AWS_WEB_IDENTITY_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
  public static final String WEB_IDENTITY_TOKEN_FILE = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";
  public static final String AWS_CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  public static final String CREDENTIALS_URI = "http://169.254.170.23/v1/credentials";
  public static final String AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
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
