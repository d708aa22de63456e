package dev.billingidentity.examples.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The documents that describe the sandbox's API, which fabric8's mock API server stores objects for but does not
 * describe: discovery ({@code /api}, {@code /apis} and each group version), {@code /version}, and a minimal OpenAPI v3
 * ({@code /openapi/v3} and one document per group version). Enough for {@code kubectl get ns,sa,pods,deploy,
 * controlplanes}, and for {@code kubectl create} and {@code apply} to validate on the server rather than fetch the
 * OpenAPI v2 schema the sandbox does not have.
 *
 * <p>The OpenAPI documents name, for each resource, its create, replace and patch operations with their group, version
 * and kind and the {@code fieldValidation} parameter: kubectl reads exactly that to decide that the server validates
 * fields. They hold no schemas: kubectl then computes strategic merge patches from the types it was built with.
 */
final class SandboxDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");
  /** Answered 404, as by a server without it: kubectl falls back to the OpenAPI v3 documents. */
  static final String OPENAPI_V2 = "/openapi/v2";

  /** A resource the sandbox serves. */
  private record Resource(String group, String version, String plural, String kind, boolean namespaced,
      String shortName) {
    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code api/v1} or {@code apis/<group>/<version>}: the root of its paths, without the leading slash. */
    String root() {
      return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }
  }

  private static final List<Resource> RESOURCES = List.of(
      new Resource("", "v1", "namespaces", "Namespace", false, "ns"),
      new Resource("", "v1", "serviceaccounts", "ServiceAccount", true, "sa"),
      new Resource("", "v1", "pods", "Pod", true, "po"),
      new Resource("apps", "v1", "deployments", "Deployment", true, "deploy"),
      new Resource("apps", "v1", "statefulsets", "StatefulSet", true, "sts"),
      new Resource("spaces.upbound.io", "v1beta1", "controlplanes", "ControlPlane", true, "ctp"),
      new Resource("coordination.k8s.io", "v1", "leases", "Lease", true, null),
      new Resource("", "v1", "events", "Event", true, "ev"),
      new Resource("billingidentity.dev", "v1alpha1", "billingidentities", "BillingIdentity", false, "bid"),
      new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
          "crd"));

  /** Path to JSON document, built once: the set of resources never changes. */
  private static final Map<String, String> DOCUMENTS = documents();

  private SandboxDiscovery() {}

  /** The JSON document served at {@code path} (without its query), if the sandbox describes that path. */
  static Optional<String> document(String path) {
    return Optional.ofNullable(DOCUMENTS.get(path));
  }

  private static Map<String, String> documents() {
    Map<String, List<Resource>> byGroupVersion = new LinkedHashMap<>();
    RESOURCES.forEach(r -> byGroupVersion.computeIfAbsent(r.root(), k -> new java.util.ArrayList<>()).add(r));
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("/version", version());
    docs.put("/api", Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
    APIGroupListBuilder groups = new APIGroupListBuilder();
    ObjectNode openApiRoot = JSON.createObjectNode();
    ObjectNode openApiPaths = openApiRoot.putObject("paths");
    byGroupVersion.forEach((root, resources) -> {
      Resource first = resources.get(0);
      if (!first.group().isEmpty()) {
        groups.addToGroups(group(first.group(), first.version()));
      }
      docs.put("/" + root, Serialization.asJson(new APIResourceListBuilder().withGroupVersion(first.groupVersion())
          .withResources(resources.stream().map(SandboxDiscovery::resource).toList()).build()));
      // kubectl fetches the serverRelativeURL as given; the hash only lets a real server's clients cache it.
      openApiPaths.putObject(root).put("serverRelativeURL", "/openapi/v3/" + root + "?hash=sandbox");
      docs.put("/openapi/v3/" + root, openApi(resources).toString());
    });
    docs.put("/apis", Serialization.asJson(groups.build()));
    docs.put("/openapi/v3", openApiRoot.toString());
    return Map.copyOf(docs);
  }

  /** What {@code kubectl version} shows for the server: the Kubernetes release kubectl 1.32 is tested against. */
  private static String version() {
    return JSON.createObjectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-sandbox")
        .put("platform", "linux/amd64").toString();
  }

  /**
   * An OpenAPI v3 document of one group version: for each resource, its collection (create) and item (replace,
   * patch) paths, each operation tagged with the resource's group, version and kind and taking {@code fieldValidation}.
   */
  private static ObjectNode openApi(List<Resource> resources) {
    ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes (billing-identity sandbox)").put("version", "v1.32.0-sandbox");
    ObjectNode paths = doc.putObject("paths");
    for (Resource r : resources) {
      String collection = "/" + r.root() + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
      paths.putObject(collection).set("post", operation(r, "post", "create"));
      ObjectNode item = paths.putObject(collection + "/{name}");
      item.set("put", operation(r, "put", "replace"));
      item.set("patch", operation(r, "patch", "patch"));
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }

  private static ObjectNode operation(Resource r, String action, String verb) {
    ObjectNode op = JSON.createObjectNode()
        .put("operationId", verb + (r.namespaced() ? "Namespaced" : "") + r.kind())
        .put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version())
        .put("kind", r.kind());
    ArrayNode parameters = op.putArray("parameters");
    for (String name : List.of("dryRun", "fieldManager", "fieldValidation")) {
      parameters.addObject().put("name", name).put("in", "query").putObject("schema").put("type", "string");
    }
    op.putObject("responses").putObject("200").put("description", "OK");
    return op;
  }

  private static APIResource resource(Resource r) {
    APIResourceBuilder b = new APIResourceBuilder().withName(r.plural()).withKind(r.kind())
        .withNamespaced(r.namespaced()).withSingularName(r.kind().toLowerCase(Locale.ROOT)).withVerbs(VERBS);
    if (r.shortName() != null) {
      b.withShortNames(r.shortName());
    }
    return b.build();
  }

  private static APIGroup group(String name, String version) {
    var gv = new GroupVersionForDiscoveryBuilder().withGroupVersion(name + "/" + version).withVersion(version).build();
    return new APIGroupBuilder().withName(name).withVersions(gv).withPreferredVersion(gv).build();
  }
}
