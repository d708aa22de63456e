package dev.billingidentity.space;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a namespace may be given a control plane's billing identity. A {@code ControlPlane} object names its host
 * namespace ({@code spec.hostNamespace.name}, or {@code mxp-<id>-system}), but whoever may create a
 * {@code ControlPlane} may write any name there, {@code kube-system} included; Spaces' labels on the namespace are
 * what says the namespace really is that control plane's. So a host namespace is trusted only when it carries both
 * labels, {@value #CONTROL_PLANE_NAME_LABEL} and {@value #CONTROL_PLANE_NAMESPACE_LABEL}, naming the control plane
 * (names repeat across groups: both must match).
 *
 * <p>The opt-in {@code trustUnlabelledHostNamespaces} (for Spaces that do not label) widens this to a namespace that
 * carries no label naming another control plane, that is not a Kubernetes system namespace ({@code default},
 * {@code kube-*}) and that no other control plane claims. A namespace labelled for another control plane is never
 * trusted, opt-in or not.
 *
 * <p>Host namespaces given explicitly by the caller are the caller's word, not a {@code ControlPlane}'s, and are
 * trusted as given, except Kubernetes system namespaces: those are never a Space's host namespace unless Spaces
 * labelled them as one, so a slip of the pen ({@code --control-plane kube-system}) does not hand the billing role to
 * every pod that can run as {@code kube-system/vector}.
 *
 * <p>The fabric8 adapter and the in-memory cluster both judge discovered control planes with
 * {@link #judge(List, Function, boolean)}, and {@code StrategyContext} judges them again against the labels the
 * cluster observation read, so that the rule holds for any {@code ClusterPort}.
 */
public final class HostNamespaceTrust {
  /** Label Spaces puts on a host namespace naming its control plane. */
  public static final String CONTROL_PLANE_NAME_LABEL = "internal.spaces.upbound.io/controlplane-name";

  /** Label Spaces puts on a host namespace naming its control plane's group (names repeat across groups). */
  public static final String CONTROL_PLANE_NAMESPACE_LABEL = "internal.spaces.upbound.io/controlplane-namespace";

  /** The setting that trusts unlabelled host namespaces, as reasons name it. */
  private static final String OPT_IN = "trustUnlabelledHostNamespaces";

  private HostNamespaceTrust() {}

  /**
   * Whether Kubernetes reserves the namespace for itself: {@code default} and the {@code kube-} prefix
   * ({@code kube-system}, {@code kube-public}, {@code kube-node-lease}).
   */
  public static boolean isSystemNamespace(String namespace) {
    return namespace.equals("default") || namespace.startsWith("kube-");
  }

  /** {@return whether {@code labels} name the control plane {@code group/name}: both Spaces labels, both matching} */
  public static boolean labelledFor(Map<String, String> labels, String group, String name) {
    return name.equals(labels.get(CONTROL_PLANE_NAME_LABEL)) && group.equals(labels.get(CONTROL_PLANE_NAMESPACE_LABEL));
  }

  /** {@return whether {@code labels} carry both Spaces labels, whichever control plane they name} */
  public static boolean labelledForAControlPlane(Map<String, String> labels) {
    return labels.containsKey(CONTROL_PLANE_NAME_LABEL) && labels.containsKey(CONTROL_PLANE_NAMESPACE_LABEL);
  }

  /**
   * Why the host namespace of the discovered control plane {@code group/name} must not get its identity, or empty
   * when it may.
   *
   * @param labels the host namespace's labels (it exists)
   * @param otherClaimants the other control planes whose host namespace is this one too ({@code group/name})
   * @param trustUnlabelled the opt-in for Spaces that do not label
   */
  public static Optional<String> refusal(String group, String name, String hostNamespace, Map<String, String> labels,
      Collection<String> otherClaimants, boolean trustUnlabelled) {
    if (labelledFor(labels, group, name)) {
      return Optional.empty();
    }
    String controlPlane = group + "/" + name;
    String labelName = labels.get(CONTROL_PLANE_NAME_LABEL);
    String labelGroup = labels.get(CONTROL_PLANE_NAMESPACE_LABEL);
    if ((labelName != null && !labelName.equals(name)) || (labelGroup != null && !labelGroup.equals(group))) {
      return Optional.of("host namespace " + hostNamespace + " is labelled for control plane "
          + Objects.toString(labelGroup, "(no group label)") + "/" + Objects.toString(labelName, "(no name label)")
          + ", not " + controlPlane);
    }
    String notLabelled = "host namespace " + hostNamespace + " is not labelled for control plane " + controlPlane;
    if (!trustUnlabelled) {
      return Optional.of(notLabelled + " (Spaces labels its host namespaces " + CONTROL_PLANE_NAME_LABEL + "=" + name
          + " and " + CONTROL_PLANE_NAMESPACE_LABEL + "=" + group + "; " + OPT_IN + " is off)");
    }
    if (isSystemNamespace(hostNamespace)) {
      return Optional.of(notLabelled + " and is a Kubernetes system namespace, which " + OPT_IN
          + " does not cover");
    }
    if (!otherClaimants.isEmpty()) {
      return Optional.of(notLabelled + " and is also the host namespace of control plane(s) "
          + otherClaimants.stream().sorted().toList() + ": " + OPT_IN + " trusts a namespace only one claims");
    }
    return Optional.empty();
  }

  /**
   * Why the explicitly given host namespace must not get the identity, or empty when it may: only a Kubernetes
   * system namespace that Spaces did not label as a host namespace is refused.
   *
   * @param labels the namespace's labels (it exists)
   */
  public static Optional<String> refusalOfExplicit(String hostNamespace, Map<String, String> labels) {
    if (isSystemNamespace(hostNamespace) && !labelledForAControlPlane(labels)) {
      return Optional.of("host namespace " + hostNamespace + " is a Kubernetes system namespace that Spaces has not "
          + "labelled as a control plane's host namespace (" + CONTROL_PLANE_NAME_LABEL + ", "
          + CONTROL_PLANE_NAMESPACE_LABEL + "): refused even when given explicitly");
    }
    return Optional.empty();
  }

  /**
   * Judges discovered control planes as a cluster port reports them: each one with an id is provisioned when its
   * host namespace exists and may be trusted ({@link #refusal}), not provisioned with the reason when it may not, and
   * not provisioned yet (no reason) when its host namespace does not exist. Control planes without an id are returned
   * as they are. The other claimants of a host namespace are looked for among {@code discovered}, so a port that
   * lists some groups only cannot see claims from the others; {@code StrategyContext} judges again with every group.
   *
   * @param discovered the control planes as read, those with an id marked provisioned with their host namespace
   * @param labelsOf the labels of a namespace, null when it does not exist
   * @param trustUnlabelled the opt-in for Spaces that do not label
   */
  public static List<ControlPlane> judge(List<ControlPlane> discovered, Function<String, Map<String, String>> labelsOf,
      boolean trustUnlabelled) {
    List<ControlPlane> out = new ArrayList<>(discovered.size());
    Map<String, List<String>> claimants = claimants(discovered);
    for (ControlPlane cp : discovered) {
      if (!cp.provisioned()) {
        out.add(cp);
        continue;
      }
      String host = cp.hostNamespace().orElseThrow();
      Map<String, String> labels = labelsOf.apply(host);
      if (labels == null) {
        out.add(ControlPlane.builder().from(cp).provisioned(false).build());
        continue;
      }
      Optional<String> refusal = refusal(cp.group().orElseThrow(), cp.name(), host, labels,
          others(claimants, host, cp), trustUnlabelled);
      out.add(refusal.map(cp::notProvisionedBecause).orElse(cp));
    }
    return out;
  }

  /** {@return the control planes of {@code controlPlanes} by the host namespace they name, whatever their state} */
  public static Map<String, List<String>> claimants(Collection<ControlPlane> controlPlanes) {
    Map<String, List<String>> out = new HashMap<>();
    for (ControlPlane cp : controlPlanes) {
      cp.hostNamespace().ifPresent(ns -> {
        List<String> names = out.computeIfAbsent(ns, k -> new ArrayList<>());
        if (!names.contains(cp.displayName())) {
          names.add(cp.displayName());
        }
      });
    }
    return out;
  }

  /** {@return the claimants of {@code hostNamespace} other than {@code cp}} */
  public static List<String> others(Map<String, List<String>> claimants, String hostNamespace, ControlPlane cp) {
    return claimants.getOrDefault(hostNamespace, List.of()).stream().filter(n -> !n.equals(cp.displayName())).toList();
  }
}
