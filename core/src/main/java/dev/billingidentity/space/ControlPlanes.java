package dev.billingidentity.space;

import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which control planes the library manages: the ones discovered from the Space's {@code ControlPlane} objects (all
 * groups, some groups, or those with given labels), or host namespaces given explicitly.
 *
 * <p>The choice also decides pruning: discovery is authoritative, so a subject or association of a control plane
 * that is no longer discovered is removed (unless pruning is off); explicit host namespaces add to what is there and
 * only host namespaces that no longer exist on the cluster are pruned. A Pod Identity plan of at most 10 explicit host
 * namespaces lists only their associations (its AWS calls do not grow with the Space), so it prunes nothing.
 */
public final class ControlPlanes {
  private final boolean discovered;
  private final Set<String> groups;
  private final Map<String, String> labels;
  private final List<String> hostNamespaces;

  private ControlPlanes(boolean discovered, Set<String> groups, Map<String, String> labels, List<String> hostNamespaces) {
    this.discovered = discovered;
    this.groups = Set.copyOf(groups);
    this.labels = Map.copyOf(labels);
    this.hostNamespaces = List.copyOf(hostNamespaces);
  }

  /** {@return every control plane of the Space, in every group} */
  public static ControlPlanes discovered() {
    return new ControlPlanes(true, Set.of(), Map.of(), List.of());
  }

  /** The control planes of the given groups. */
  public static ControlPlanes discoveredInGroups(String... groups) {
    Problems p = new Problems();
    for (String g : groups) {
      InputRules.namespace(p, "controlPlanes.group", g);
    }
    p.throwIfAny();
    return new ControlPlanes(true, new TreeSet<>(List.of(groups)), Map.of(), List.of());
  }

  /** The control planes whose labels include all of {@code labels}. */
  public static ControlPlanes discoveredWithLabels(Map<String, String> labels) {
    return new ControlPlanes(true, Set.of(), new LinkedHashMap<>(labels), List.of());
  }

  /**
   * Exactly these host namespaces; needs no {@code ControlPlane} CRD on the cluster. They are the caller's word and
   * are trusted as given, except a Kubernetes system namespace ({@code default}, {@code kube-*}) that Spaces has not
   * labelled as a host namespace: that one is reported, not given the identity (see {@link HostNamespaceTrust}).
   */
  public static ControlPlanes hostNamespaces(List<String> hostNamespaces) {
    Problems p = new Problems();
    for (String ns : hostNamespaces) {
      InputRules.namespace(p, "controlPlanes.hostNamespace", ns);
    }
    p.throwIfAny();
    return new ControlPlanes(false, Set.of(), Map.of(), hostNamespaces.stream().distinct().toList());
  }

  /** Exactly these host namespaces. */
  public static ControlPlanes hostNamespaces(String... hostNamespaces) {
    return hostNamespaces(List.of(hostNamespaces));
  }

  /** {@return whether the control planes come from discovery (true) or were given explicitly (false)} */
  public boolean isDiscovered() {
    return discovered;
  }

  /**
   * Whether this is every control plane of the Space: discovery with no group and no label filter. Only then may
   * {@code destroy()} remove what all control planes share (the role, its S3 policy); groups, labels and explicit
   * host namespaces are parts of the Space.
   */
  public boolean isWholeSpace() {
    return discovered && groups.isEmpty() && labels.isEmpty();
  }

  /** {@return the groups discovery is limited to; empty means all groups} */
  public Set<String> groups() {
    return groups;
  }

  /** {@return the labels discovered control planes must carry; empty means any} */
  public Map<String, String> labels() {
    return labels;
  }

  /** {@return the explicit host namespaces (empty when discovered)} */
  public List<String> explicitHostNamespaces() {
    return hostNamespaces;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControlPlanes c && discovered == c.discovered && groups.equals(c.groups)
        && labels.equals(c.labels) && hostNamespaces.equals(c.hostNamespaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(discovered, groups, labels, hostNamespaces);
  }

  @Override
  public String toString() {
    if (!discovered) {
      return "host namespaces " + hostNamespaces;
    }
    return "discovered control planes" + (groups.isEmpty() ? "" : " in groups " + groups)
        + (labels.isEmpty() ? "" : " with labels " + labels);
  }
}
