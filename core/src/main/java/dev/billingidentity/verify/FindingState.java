package dev.billingidentity.verify;

/** The state of one verified thing. */
public enum FindingState {
  /** As it should be. */
  OK,
  /** Absent, e.g. no subject for a control plane, no annotation, no association. */
  MISSING,
  /** Present but different, e.g. an annotation or association naming another role. */
  DRIFTED,
  /** The workload cannot use the identity as it runs, e.g. a vector too old for Pod Identity: it writes nothing. */
  INCOMPATIBLE,
  /** The identity is in place but the workload's pods started before it: they need a restart. */
  STALE_PODS,
  /** Not checkable yet, e.g. a control plane that is not provisioned. */
  PENDING,
  /** Something that prevents the identity from working, e.g. no vector pod running. */
  NOT_RUNNING,
  /**
   * Could not be checked, e.g. a bucket S3 refuses to describe (another account's, or not readable with the library's
   * credentials): never counted as healthy, since the check that would prove it was not made.
   */
  UNKNOWN
}
