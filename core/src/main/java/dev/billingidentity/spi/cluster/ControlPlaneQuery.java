package dev.billingidentity.spi.cluster;

import java.util.Map;
import java.util.Set;

/**
 * Which {@code ControlPlane} objects to discover, and how far to trust the host namespaces they name.
 *
 * @param groups only these groups (namespaces of the Space); empty for all
 * @param labels only control planes carrying all of these labels; empty for any
 * @param trustUnlabelledHostNamespaces whether a host namespace without Spaces' labels may be taken on the
 *     {@code ControlPlane}'s word (see {@link dev.billingidentity.space.HostNamespaceTrust}); false by default
 */
public record ControlPlaneQuery(Set<String> groups, Map<String, String> labels,
    boolean trustUnlabelledHostNamespaces) {
  /** Copies the groups and the labels. */
  public ControlPlaneQuery {
    groups = Set.copyOf(groups);
    labels = Map.copyOf(labels);
  }

  /** A query that trusts only host namespaces Spaces labelled for their control plane. */
  public ControlPlaneQuery(Set<String> groups, Map<String, String> labels) {
    this(groups, labels, false);
  }

  /** {@return every control plane, trusting only labelled host namespaces} */
  public static ControlPlaneQuery all() {
    return new ControlPlaneQuery(Set.of(), Map.of());
  }

  /** This query, trusting unlabelled host namespaces or not. */
  public ControlPlaneQuery trustingUnlabelledHostNamespaces(boolean trust) {
    return new ControlPlaneQuery(groups, labels, trust);
  }
}
