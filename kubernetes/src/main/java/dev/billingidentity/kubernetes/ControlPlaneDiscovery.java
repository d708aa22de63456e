package dev.billingidentity.kubernetes;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.HostNamespaceTrust;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Space's {@code ControlPlane} objects and their host namespaces: one list of control planes (or one per
 * asked group) and one list of namespaces, whatever the number of control planes.
 *
 * <p>A {@code ControlPlane} names its host namespace, but only Spaces' labels on the namespace say it really is that
 * control plane's: whoever may create a {@code ControlPlane} may write {@code kube-system} in
 * {@code spec.hostNamespace.name}. So a control plane is provisioned only when its host namespace exists and is
 * labelled for it (both labels, since names repeat across groups), unless the query opts in to unlabelled host
 * namespaces; otherwise it is reported not provisioned with the reason ({@link HostNamespaceTrust}, the rule the
 * in-memory cluster and {@code StrategyContext} apply too). A control plane with an id whose host namespace does not
 * exist is not provisioned yet.
 */
final class ControlPlaneDiscovery {
  private static final String NAMESPACES = "namespaces";

  private final KubernetesClient client;

  ControlPlaneDiscovery(KubernetesClient client) {
    this.client = client;
  }

  List<ControlPlane> discover(ControlPlaneQuery query) {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    if (query.groups().isEmpty()) {
      objects.addAll(ClusterErrors.call("controlplanes.spaces.upbound.io -A",
          () -> withLabels(client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inAnyNamespace(), query)
              .list().getItems()));
    } else {
      for (String group : query.groups().stream().sorted().toList()) {
        objects.addAll(ClusterErrors.call("controlplanes.spaces.upbound.io -n " + group,
            () -> withLabels(client.genericKubernetesResources(SpacesResources.CONTROL_PLANES).inNamespace(group), query)
                .list().getItems()));
      }
    }
    // Listed after the control planes, not beside them: the labels that say whose a namespace is are then at least as
    // new as the control planes they are checked against (granting an identity to someone else's namespace is the
    // one mistake this must not make, and a round trip is cheap beside it). Every namespace, not only labelled ones:
    // a namespace carrying only the group label, or none, must be told apart from one that does not exist.
    Map<String, Map<String, String>> labels = namespaceLabels();
    List<ControlPlane> claims = objects.stream()
        .map(ControlPlaneDiscovery::toClaim)
        .sorted(Comparator.comparing(ControlPlane::displayName))
        .toList();
    return HostNamespaceTrust.judge(claims, labels::get, query.trustUnlabelledHostNamespaces());
  }

  private static FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> withLabels(
      FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>> op, ControlPlaneQuery query) {
    return query.labels().isEmpty() ? op : op.withLabels(query.labels());
  }

  private Map<String, Map<String, String>> namespaceLabels() {
    List<GenericKubernetesResource> items = ClusterErrors.call(NAMESPACES,
        () -> client.genericKubernetesResources(BuiltInResources.NAMESPACES).list().getItems());
    Map<String, Map<String, String>> byName = new HashMap<>();
    items.forEach(ns -> byName.put(ns.getMetadata().getName(),
        ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels()));
    return byName;
  }

  /** The control plane as its object claims it: provisioned in its host namespace once it has an id (to be judged). */
  private static ControlPlane toClaim(GenericKubernetesResource object) {
    String group = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    String specHost = blankToNull(object.get("spec", "hostNamespace", "name"));
    String id = blankToNull(object.get("status", "controlPlaneID"));
    if (id == null) {
      // Not provisioned yet: Spaces has not created the host namespace. Keep an explicit one for the report.
      return ControlPlane.builder().group(group).name(name).hostNamespace(Optional.ofNullable(specHost))
          .provisioned(false).build();
    }
    return ControlPlane.provisioned(group, name, specHost != null ? specHost : ControlPlane.defaultHostNamespace(id));
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
