package dev.billingidentity.spi.cluster;

/** The kinds vector runs as: a Deployment by default, a StatefulSet when its persistence is enabled. */
public enum WorkloadKind {
  /** An {@code apps/v1} Deployment. */
  DEPLOYMENT("deployment"),
  /** An {@code apps/v1} StatefulSet. */
  STATEFULSET("statefulset");

  private final String kubectlName;

  WorkloadKind(String kubectlName) {
    this.kubectlName = kubectlName;
  }

  /** {@return the resource name {@code kubectl} uses, e.g. {@code deployment}} */
  public String kubectlName() {
    return kubectlName;
  }
}
