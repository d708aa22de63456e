package dev.billingidentity.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The built-in kinds the adapter reads, for fabric8's generic client: their objects arrive as
 * {@link io.fabric8.kubernetes.api.model.GenericKubernetesResource} (metadata typed, the rest as maps, read with
 * {@link ObjectFields}), not as fabric8's typed model. A typed {@code PodList} makes Jackson build deserializers for
 * the whole pod model (some 450 classes: every volume source, probe and security context) before the first pod is
 * read, a quarter of a second of a short command's start for the half-dozen fields the adapter needs
 * (BENCHMARKS.md, CLI start). Given in full, so that no request goes to API discovery to find the plural.
 */
final class BuiltInResources {
  static final ResourceDefinitionContext NAMESPACES = cluster("", "v1", "Namespace", "namespaces");
  static final ResourceDefinitionContext SERVICE_ACCOUNTS = namespaced("", "v1", "ServiceAccount", "serviceaccounts");
  static final ResourceDefinitionContext PODS = namespaced("", "v1", "Pod", "pods");
  static final ResourceDefinitionContext DEPLOYMENTS = namespaced("apps", "v1", "Deployment", "deployments");
  static final ResourceDefinitionContext STATEFUL_SETS = namespaced("apps", "v1", "StatefulSet", "statefulsets");

  private BuiltInResources() {}

  private static ResourceDefinitionContext namespaced(String group, String version, String kind, String plural) {
    return context(group, version, kind, plural, true);
  }

  private static ResourceDefinitionContext cluster(String group, String version, String kind, String plural) {
    return context(group, version, kind, plural, false);
  }

  private static ResourceDefinitionContext context(String group, String version, String kind, String plural,
      boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
