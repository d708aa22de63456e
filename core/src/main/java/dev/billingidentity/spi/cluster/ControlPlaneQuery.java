package dev.billingidentity.spi.cluster;

import java.util.Map;
import java.util.Set;

/**
 * Which {@code ControlPlane} objects to discover.
 *
 * @param groups only these groups (namespaces of the Space); empty for all
 * @param labels only control planes carrying all of these labels; empty for any
 */
public record ControlPlaneQuery(Set<String> groups, Map<String, String> labels) {
  public ControlPlaneQuery {
    groups = Set.copyOf(groups);
    labels = Map.copyOf(labels);
  }

  /** Every control plane. */
  public static ControlPlaneQuery all() {
    return new ControlPlaneQuery(Set.of(), Map.of());
  }
}
