package dev.billingidentity.examples.sandbox;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;

/**
 * The API discovery documents of the resources a Space's billing touches, served by the sandbox's mock API server
 * (which stores objects but describes no API): enough for {@code kubectl get ns,sa,pods,deploy,controlplanes} to
 * work against the sandbox, so that a user can look at what the library and the simulated Space did.
 */
final class SandboxDiscovery {
  private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

  private SandboxDiscovery() {}

  static void serve(KubernetesMockServer server) {
    answer(server, "/api", new APIVersionsBuilder().withVersions("v1").build());
    answer(server, "/api/v1", resources("v1",
        resource("namespaces", "Namespace", false, "ns"),
        resource("serviceaccounts", "ServiceAccount", true, "sa"),
        resource("pods", "Pod", true, "po")));
    answer(server, "/apis", new APIGroupListBuilder()
        .addToGroups(group("apps", "v1"), group("spaces.upbound.io", "v1beta1"), group("coordination.k8s.io", "v1"))
        .build());
    answer(server, "/apis/apps/v1", resources("apps/v1",
        resource("deployments", "Deployment", true, "deploy"),
        resource("statefulsets", "StatefulSet", true, "sts")));
    answer(server, "/apis/spaces.upbound.io/v1beta1", resources("spaces.upbound.io/v1beta1",
        resource("controlplanes", "ControlPlane", true, "ctp")));
    answer(server, "/apis/coordination.k8s.io/v1", resources("coordination.k8s.io/v1",
        resource("leases", "Lease", true, null)));
  }

  /**
   * Answers {@code path}, with and without the {@code ?timeout=32s} kubectl adds: the mock matches the whole request
   * target, and anything it does not match falls through to its store, which would answer a list of everything.
   */
  private static void answer(KubernetesMockServer server, String path, Object document) {
    server.expect().get().withPath(path).andReturn(200, document).always();
    server.expect().get().withPath(path + "?timeout=32s").andReturn(200, document).always();
  }

  private static Object resources(String groupVersion, APIResource... resources) {
    return new APIResourceListBuilder().withGroupVersion(groupVersion).withResources(resources).build();
  }

  private static APIResource resource(String plural, String kind, boolean namespaced, String shortName) {
    APIResourceBuilder b = new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(namespaced)
        .withSingularName(kind.toLowerCase()).withVerbs(VERBS);
    if (shortName != null) {
      b.withShortNames(shortName);
    }
    return b.build();
  }

  private static io.fabric8.kubernetes.api.model.APIGroup group(String name, String version) {
    var gv = new GroupVersionForDiscoveryBuilder().withGroupVersion(name + "/" + version).withVersion(version).build();
    return new APIGroupBuilder().withName(name).withVersions(gv).withPreferredVersion(gv).build();
  }
}
