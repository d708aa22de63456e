package dev.billingidentity.spi;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The chosen control planes as the cluster holds them now.
 *
 * @param provisioned control planes whose host namespace exists and may be trusted: the ones to give an identity
 * @param pending control planes that are not provisioned yet (reported, not guessed), and those whose host namespace
 *     is refused, with the reason ({@link ControlPlane#notProvisionedReason()}): reported, never written for
 * @param snapshot the cluster's state for the provisioned host namespaces
 * @param liveHostNamespaces every host namespace that still belongs to a control plane, chosen or not: what must not
 *     be pruned. For explicit host namespaces, those that exist.
 */
public record SpaceObservation(
    List<ControlPlane> provisioned, List<ControlPlane> pending, ClusterSnapshot snapshot,
    Set<String> liveHostNamespaces) {
  /** Copies the lists and the set. */
  public SpaceObservation {
    provisioned = List.copyOf(provisioned);
    pending = List.copyOf(pending);
    liveHostNamespaces = Set.copyOf(liveHostNamespaces);
  }

  /** {@return the pending control planes whose host namespace was refused (they have a reason), in discovery order} */
  public List<ControlPlane> refused() {
    return pending.stream().filter(cp -> cp.notProvisionedReason().isPresent()).toList();
  }

  /** {@return the host namespaces of the provisioned control planes, in discovery order} */
  public Set<String> hostNamespaces() {
    Set<String> out = new LinkedHashSet<>();
    provisioned.forEach(cp -> out.add(cp.hostNamespace().orElseThrow()));
    return out;
  }
}
