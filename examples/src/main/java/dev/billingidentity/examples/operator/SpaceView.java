package dev.billingidentity.examples.operator;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.space.HostNamespaceTrust;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control planes of one {@code BillingIdentity}'s selection as the cluster holds them now, read from the
 * Kubernetes API only (no AWS call): the host namespaces to give an identity, how many control planes wait, and every
 * host namespace some control plane of the Space still claims (what must not be taken away). The cluster port judges
 * Spaces' labels; a host namespace claimed by two control planes is given to neither, as the library's own
 * discovery decides.
 *
 * @param provisioned the selection's host namespaces that may be given the identity
 * @param pending the selection's control planes that are not provisioned, or whose host namespace is refused
 * @param claimed every host namespace a control plane of the Space names, in any group
 */
record SpaceView(Set<String> provisioned, int pending, Set<String> claimed) {
  SpaceView {
    provisioned = Set.copyOf(provisioned);
    claimed = Set.copyOf(claimed);
  }

  /** Two lists (the control planes, the labelled namespaces), whatever the size of the Space. */
  static SpaceView observe(ClusterPort cluster, ControlPlanes selection, boolean trustUnlabelled) {
    List<ControlPlane> all = cluster.discoverControlPlanes(
        ControlPlaneQuery.all().trustingUnlabelledHostNamespaces(trustUnlabelled));
    Map<String, List<String>> claimants = HostNamespaceTrust.claimants(all);
    Set<String> provisioned = new LinkedHashSet<>();
    Set<String> claimed = new LinkedHashSet<>();
    int pending = 0;
    for (ControlPlane cp : all) {
      cp.hostNamespace().ifPresent(claimed::add);
      if (!selection.groups().isEmpty() && !cp.group().map(selection.groups()::contains).orElse(false)) {
        continue;
      }
      String ns = cp.hostNamespace().orElse(null);
      if (cp.provisioned() && ns != null && claimants.getOrDefault(ns, List.of()).size() <= 1) {
        provisioned.add(ns);
      } else {
        pending++;
      }
    }
    return new SpaceView(provisioned, pending, claimed);
  }
}
