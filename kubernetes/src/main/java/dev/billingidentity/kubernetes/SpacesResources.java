package dev.billingidentity.kubernetes;

import dev.billingidentity.space.HostNamespaceTrust;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The Upbound Spaces API objects the adapter and the controller read, and the labels Spaces puts on host namespaces. */
public final class SpacesResources {
  /** {@code spaces.upbound.io/v1beta1 ControlPlane}, namespaced (its namespace is the control plane's group). */
  public static final ResourceDefinitionContext CONTROL_PLANES = new ResourceDefinitionContext.Builder()
      .withGroup("spaces.upbound.io")
      .withVersion("v1beta1")
      .withKind("ControlPlane")
      .withPlural("controlplanes")
      .withNamespaced(true)
      .build();

  /** Label on a host namespace naming its control plane. */
  public static final String CONTROL_PLANE_NAME_LABEL = HostNamespaceTrust.CONTROL_PLANE_NAME_LABEL;

  /** Label on a host namespace naming its control plane's group (names repeat across groups). */
  public static final String CONTROL_PLANE_NAMESPACE_LABEL = HostNamespaceTrust.CONTROL_PLANE_NAMESPACE_LABEL;

  /** The pod template annotation {@code kubectl rollout restart} sets. */
  public static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

  /** The billing workload's name (Deployment or StatefulSet) in every host namespace. */
  public static final String VECTOR = "vector";

  private SpacesResources() {}
}
