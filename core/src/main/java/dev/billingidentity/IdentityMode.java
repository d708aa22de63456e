package dev.billingidentity;

/** The two ways the billing workload gets its AWS identity. */
public enum IdentityMode {
  /** IAM Roles for Service Accounts: the cluster's OIDC provider, exact subjects in the role's trust. */
  IRSA("irsa", "IRSA"),
  /** EKS Pod Identity: {@code pods.eks.amazonaws.com} in the trust, one association per host namespace. */
  POD_IDENTITY("pod-identity", "Pod Identity");

  private final String id;
  private final String displayName;

  IdentityMode(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** {@return {@code irsa} or {@code pod-identity}: the CLI's and JSON's spelling} */
  public String id() {
    return id;
  }

  /** {@return the name people read, e.g. {@code EKS Pod Identity}} */
  public String displayName() {
    return displayName;
  }
}
