package dev.billingidentity.spi.cluster;

/** A workload by kind, namespace and name. */
public record WorkloadRef(WorkloadKind kind, String namespace, String name) {
  /** As {@code kubectl} would name it: {@code deployment/vector -n <namespace>}. */
  @Override
  public String toString() {
    return kind.kubectlName() + "/" + name + " -n " + namespace;
  }
}
