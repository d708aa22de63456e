package dev.billingidentity.role;

import dev.billingidentity.plan.NamedList;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.SpaceObservation;
import dev.billingidentity.spi.StrategyContext;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which control planes a {@code destroy()} covers, and so what it may remove. The whole Space
 * ({@link ControlPlanes#isWholeSpace()}) may lose what every control plane shares: the library's trust statement, the
 * S3 policy and the role. A part of it (explicit host namespaces, groups, labels) loses only its own control planes'
 * share (IRSA subjects, Pod Identity associations), never the role, even when no other control plane is left in it:
 * a part does not know that the rest of the Space has gone.
 */
public final class DestroyScope {
  private final ControlPlanes selection;
  private final Set<String> hostNamespaces;

  private DestroyScope(ControlPlanes selection, Set<String> hostNamespaces) {
    this.selection = selection;
    this.hostNamespaces = Collections.unmodifiableSet(hostNamespaces);
  }

  /**
   * The scope of the context's control planes. For a part, its host namespaces: the explicit ones as given (a host
   * namespace that no longer exists still has its subject or association removed), or those of the discovered
   * control planes of the groups or labels, provisioned or not.
   */
  public static DestroyScope of(StrategyContext context) {
    ControlPlanes selection = context.controlPlanes();
    Set<String> namespaces = new LinkedHashSet<>();
    if (selection.isWholeSpace()) {
      return new DestroyScope(selection, namespaces);
    }
    if (!selection.isDiscovered()) {
      namespaces.addAll(selection.explicitHostNamespaces());
      return new DestroyScope(selection, namespaces);
    }
    SpaceObservation space = context.space();
    space.provisioned().forEach(cp -> cp.hostNamespace().ifPresent(namespaces::add));
    space.pending().stream().map(ControlPlane::hostNamespace).forEach(ns -> ns.ifPresent(namespaces::add));
    return new DestroyScope(selection, namespaces);
  }

  /** {@return whether the scope is the whole Space} */
  public boolean isWholeSpace() {
    return selection.isWholeSpace();
  }

  /** The host namespaces of a part of the Space, in selection order; empty for the whole Space (it has them all). */
  public Set<String> hostNamespaces() {
    return hostNamespaces;
  }

  /**
   * The selection, for people, e.g. {@code host namespaces mxp-a-system, mxp-b-system}: at most
   * {@value NamedList#NAMED} host namespaces named, so that a note stays readable for a thousand.
   */
  public String describe() {
    return selection.isDiscovered() ? selection.toString()
        : "host namespaces " + NamedList.of(selection.explicitHostNamespaces());
  }

  @Override
  public String toString() {
    return describe();
  }
}
