package dev.billingidentity.space;

import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Space control plane and where it runs on the host cluster. Its host namespace is
 * {@code spec.hostNamespace.name} when set, otherwise {@code mxp-<status.controlPlaneID>-system}; it is unknown
 * until the control plane is provisioned, and the library then reports the control plane instead of guessing.
 */
@Value.Immutable
public abstract class AbstractControlPlane {
  /** {@return the control plane's name (for explicitly given host namespaces: the host namespace)} */
  public abstract String name();

  /** {@return the control plane's group (its namespace in the Space), empty for explicitly given host namespaces} */
  public abstract Optional<String> group();

  /** {@return the host namespace, when known} */
  public abstract Optional<String> hostNamespace();

  /**
   * Whether the control plane is provisioned: its host namespace exists, may be trusted (see
   * {@link HostNamespaceTrust}), and vector can run in it.
   */
  public abstract boolean provisioned();

  /**
   * Why a control plane that has a host namespace is not taken as provisioned, when that is not only "not yet": e.g.
   * {@code host namespace kube-system is not labelled for control plane team-a/cp1}. Empty for a provisioned control
   * plane and for one that Spaces has not provisioned yet.
   */
  public abstract Optional<String> notProvisionedReason();

  /** {@return a provisioned control plane of a group} */
  public static ControlPlane provisioned(String group, String name, String hostNamespace) {
    return ControlPlane.builder().group(group).name(name).hostNamespace(hostNamespace).provisioned(true).build();
  }

  /** {@return a control plane that is not provisioned yet (no {@code status.controlPlaneID})} */
  public static ControlPlane pending(String group, String name) {
    return ControlPlane.builder().group(group).name(name).provisioned(false).build();
  }

  /** {@return a control plane known only by its host namespace, as a caller gives it explicitly} */
  public static ControlPlane inHostNamespace(String hostNamespace) {
    return ControlPlane.builder().name(hostNamespace).hostNamespace(hostNamespace).provisioned(true).build();
  }

  /** {@return this control plane, not provisioned for {@code reason} (see {@link #notProvisionedReason()})} */
  public ControlPlane notProvisionedBecause(String reason) {
    return ControlPlane.builder().from(this).provisioned(false).notProvisionedReason(reason).build();
  }

  /** {@return the default host namespace of a control plane id: {@code mxp-<id>-system}} */
  public static String defaultHostNamespace(String controlPlaneId) {
    return "mxp-" + controlPlaneId + "-system";
  }

  /** {@return {@code group/name}, or the name alone when the group is unknown} */
  public String displayName() {
    return group().map(g -> g + "/" + name()).orElse(name());
  }

  /** Refuses a value that breaks the rule of its field, naming both. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    InputRules.objectName(p, "controlPlane.name", name());
    group().ifPresent(g -> InputRules.namespace(p, "controlPlane.group", g));
    hostNamespace().ifPresent(ns -> InputRules.namespace(p, "controlPlane.hostNamespace", ns));
    p.require(!provisioned() || hostNamespace().isPresent(), "controlPlane.hostNamespace", null,
        "a provisioned control plane has a host namespace");
    p.require(!provisioned() || notProvisionedReason().isEmpty(), "controlPlane.notProvisionedReason",
        notProvisionedReason().orElse(null), "a provisioned control plane has no reason not to be");
    p.throwIfAny();
  }
}
