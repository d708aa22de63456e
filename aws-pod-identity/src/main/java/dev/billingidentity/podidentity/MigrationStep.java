package dev.billingidentity.podidentity;

/**
 * The steps of moving a Space's billing from IRSA to EKS Pod Identity without leaving a vector pod without
 * credentials, in order. Each step's plan is computed from what AWS and the cluster hold when it is asked for, so a
 * step may be run again, and a migration interrupted anywhere continues where it stopped.
 */
public enum MigrationStep {
  /**
   * Put the Pod Identity statement in the role's trust (beside the IRSA statement: their {@code Sid}s differ), install
   * or check the agent add-on, and create one association per control plane. IRSA keeps serving meanwhile: while the
   * role-ARN annotation stays, the pods use IRSA's web-identity credentials, which win in the SDKs' chain.
   */
  CREATE_ASSOCIATIONS("create the Pod Identity trust statement and the associations, beside IRSA"),
  /**
   * Drop the {@code eks.amazonaws.com/role-arn} annotation from the Space's Helm values ({@code helm upgrade}): done by
   * the Space's owner, outside the library. The plan of this step writes nothing; it says what to set, and is
   * blocked while the associations are missing (a pod created without the annotation and without an association
   * would have no credentials). Running pods keep their IRSA credentials.
   */
  DROP_ANNOTATION("drop the IRSA role-ARN annotation from the Space's Helm values (helm upgrade, outside the library)"),
  /**
   * Restart vector where the association names the billing role and the annotation is gone, so that the new pods get
   * Pod Identity's credentials only. Namespaces not ready for it are skipped, and say why.
   */
  RESTART_WORKLOADS("restart vector where its association is in place and the annotation gone"),
  /**
   * On request, last: remove the library's IRSA statements from the IRSA role's trust (the IRSA role itself when it
   * is not the Pod Identity role and holds nothing else). Blocked while any vector pod of the Space still uses IRSA.
   */
  REMOVE_IRSA_TRUST("remove the library's IRSA statements from the trust, once no pod uses IRSA");

  private final String summary;

  MigrationStep(String summary) {
    this.summary = summary;
  }

  /** What the step does, in a few words. */
  public String summary() {
    return summary;
  }
}
