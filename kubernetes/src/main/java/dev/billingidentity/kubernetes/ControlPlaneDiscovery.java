package dev.billingidentity.kubernetes;

import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Space's {@code ControlPlane} objects and their host namespaces: one list of control planes (or one per
 * asked group) and one list of labelled host namespaces, whatever the number of control planes.
 *
 * <p>Decision on a host namespace whose Spaces labels name a <em>different</em> control plane (or group): the
 * control plane is reported <strong>not provisioned</strong> (its host namespace kept for the report) and a warning
 * is logged. Granting a cloud identity to a namespace that Spaces says belongs to someone else is the one mistake
 * this library must not make; a stale label only delays that control plane until it is fixed. The labels are matched
 * on both name and group, since names repeat across groups; a namespace that carries the name label but no group
 * label (written by hand, or by an older Spaces) is not held against its control plane, as it names no other group.
 *
 * <p>A host namespace that is not labelled at all, or does not exist (yet), is taken on the {@code ControlPlane}'s
 * word: the control plane is provisioned once it has an id. {@code observe()} then reports whether the namespace
 * exists, and Spaces labels the namespaces it creates, so a missing label is no sign of someone else's namespace.
 */
final class ControlPlaneDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneDiscovery.class);

  private static final String HOST_NAMESPACES = "namespaces -l " + SpacesResources.CONTROL_PLANE_NAME_LABEL;

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
    // one mistake this must not make, and a round trip is cheap beside it).
    Map<String, Namespace> hostNamespaces = labelledHostNamespaces();
    return objects.stream()
        .map(o -> toControlPlane(o, hostNamespaces))
        .sorted(Comparator.comparing(ControlPlane::displayName))
        .toList();
  }

  private static FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> withLabels(
      FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>> op, ControlPlaneQuery query) {
    return query.labels().isEmpty() ? op : op.withLabels(query.labels());
  }

  private Map<String, Namespace> labelledHostNamespaces() {
    List<Namespace> items = ClusterErrors.call(HOST_NAMESPACES,
        () -> client.namespaces().withLabel(SpacesResources.CONTROL_PLANE_NAME_LABEL).list().getItems());
    Map<String, Namespace> byName = new HashMap<>();
    items.forEach(ns -> byName.put(ns.getMetadata().getName(), ns));
    return byName;
  }

  private static ControlPlane toControlPlane(GenericKubernetesResource object, Map<String, Namespace> hostNamespaces) {
    String group = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    String specHost = blankToNull(object.get("spec", "hostNamespace", "name"));
    String id = blankToNull(object.get("status", "controlPlaneID"));
    if (id == null) {
      // Not provisioned yet: Spaces has not created the host namespace. Keep an explicit one for the report.
      return ControlPlane.builder().group(group).name(name).hostNamespace(Optional.ofNullable(specHost))
          .provisioned(false).build();
    }
    String host = specHost != null ? specHost : ControlPlane.defaultHostNamespace(id);
    Namespace ns = hostNamespaces.get(host);
    if (ns != null && !belongsTo(ns, group, name)) {
      Map<String, String> labels = ns.getMetadata().getLabels();
      LOG.warn("Host namespace {} of control plane {}/{} is labelled for control plane {}/{}: treating {}/{} as not "
              + "provisioned rather than granting an identity in another control plane's namespace",
          host, group, name, labels.get(SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL),
          labels.get(SpacesResources.CONTROL_PLANE_NAME_LABEL), group, name);
      return ControlPlane.builder().group(group).name(name).hostNamespace(host).provisioned(false).build();
    }
    return ControlPlane.provisioned(group, name, host);
  }

  // Names repeat across groups, so both labels must match; a missing group label is not held against the namespace.
  private static boolean belongsTo(Namespace ns, String group, String name) {
    Map<String, String> labels = ns.getMetadata().getLabels();
    String labelGroup = labels.get(SpacesResources.CONTROL_PLANE_NAMESPACE_LABEL);
    return Objects.equals(labels.get(SpacesResources.CONTROL_PLANE_NAME_LABEL), name)
        && (labelGroup == null || labelGroup.equals(group));
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
