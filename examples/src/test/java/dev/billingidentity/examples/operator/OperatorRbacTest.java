package dev.billingidentity.examples.operator;

import static dev.billingidentity.examples.operator.BillingIdentityOperatorOnSandboxTest.await;
import static dev.billingidentity.examples.operator.BillingIdentityOperatorOnSandboxTest.billingIdentity;
import static dev.billingidentity.examples.operator.BillingIdentityOperatorOnSandboxTest.podIdentitySpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.examples.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.RequestConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The chart's RBAC against the requests the operator really makes: every request of a scenario that touches every
 * code path (a resource configured with deletionPolicy Delete converges, a control plane comes and one goes, the
 * resource is deleted) is recorded on the operator's own client as {@code verb group/resource[/subresource]}, and
 * the rendered ClusterRole and Role must grant each one, and nothing that none of them needed.
 */
class OperatorRbacTest {
  private static final String LEASE_NAMESPACE = "billing-identity";

  /** {@code verb group/resource[/sub] (namespace)} of each API request the operator's client sent. */
  private static final class Recorder implements Interceptor {
    final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String access = access(request.method(), request.uri());
      if (access != null) {
        used.add(access);
      }
    }
  }

  /** The RBAC access a request needs, or null for what needs none (discovery, /version). */
  static String access(String method, URI uri) {
    String[] s = uri.getPath().replaceFirst("^/", "").split("/");
    int at;
    String group;
    if (s[0].equals("api") && s.length >= 3) {
      group = "";
      at = 2;
    } else if (s[0].equals("apis") && s.length >= 4) {
      group = s[1];
      at = 3;
    } else {
      return null;
    }
    String namespace = "*";
    if (s[at].equals("namespaces") && s.length >= at + 3) {
      namespace = s[at + 1];
      at += 2;
    }
    String resource = s[at];
    boolean item = s.length > at + 1;
    String sub = s.length > at + 2 ? "/" + s[at + 2] : "";
    boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
    String verb = switch (method) {
      case "GET" -> watch ? "watch" : item ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> item ? "delete" : "deletecollection";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
    return verb + " " + group + "/" + resource + sub + " (" + namespace + ")";
  }

  @Test
  void theRenderedRbacGrantsExactlyTheVerbsTheOperatorUses() throws Exception {
    Recorder recorder = new Recorder();
    try (Sandbox sandbox = Sandbox.builder().controlPlanes(3).start();
        AwsAdapters aws = AwsAdapters.builder().region(Sandbox.REGION).endpointOverride(sandbox.awsEndpoint())
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY))).build();
        KubernetesClient recorded = new KubernetesClientBuilder()
            .withConfig(sandbox.kubernetesClient().getConfiguration())
            .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("rbac-recorder", recorder)).build()) {
      KubernetesClient client = sandbox.kubernetesClient();
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName(LEASE_NAMESPACE).endMetadata().build()).create();
      Operator.Options fast = BillingIdentityOperatorOnSandboxTest.fast();
      Operator.Options options = new Operator.Options(LEASE_NAMESPACE, fast.controller().withIdentity("rbac"),
          fast.timings(), "127.0.0.1", 0);
      try (Operator operator = Operator.start(recorded, region -> aws.backend(), options)) {
        Map<String, Object> spec = podIdentitySpec();
        spec.put("deletionPolicy", "Delete");
        client.genericKubernetesResources(BillingIdentityResources.CONTEXT)
            .resource(billingIdentity("billing", spec)).create();
        await("Ready=True", Duration.ofSeconds(60), () -> ready(client));
        String added = sandbox.addControlPlane("default");
        await("the new control plane is counted", Duration.ofSeconds(30), () -> String.valueOf(status(client))
            .contains("controlPlanes=4"));
        sandbox.removeControlPlane(added);
        await("the gone control plane is no longer counted", Duration.ofSeconds(30),
            () -> String.valueOf(status(client)).contains("controlPlanes=3"));
        client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName("billing").delete();
        await("the resource is gone", Duration.ofSeconds(30), () -> client.genericKubernetesResources(
            BillingIdentityResources.CONTEXT).withName("billing").get() == null);
        assertThat(sandbox.aws().associations(Sandbox.CLUSTER)).isEmpty();
      }
    }

    Set<String> granted = granted(OperatorChartTest.objects(HelmChart.render(LEASE_NAMESPACE)));
    Set<String> used = new TreeSet<>();
    for (String access : recorder.used) {
      // A Deployment's restart is a StatefulSet's with persistence: the code path is the same, the kind another.
      used.add(access);
      if (access.contains("apps/deployments")) {
        used.add(access.replace("apps/deployments", "apps/statefulsets"));
      }
    }
    Set<String> usedRules = new TreeSet<>();
    used.forEach(u -> usedRules.add(rule(u)));

    assertThat(usedRules).as("what the operator did, and the chart must allow").isSubsetOf(granted);
    assertThat(granted).as("what the chart allows, and the operator must have needed (least privilege)")
        .isSubsetOf(usedRules);
  }

  /** {@code verb group/resource (scope)}, the scope being the lease's namespace or the cluster. */
  private static String rule(String access) {
    String scope = access.endsWith("(" + LEASE_NAMESPACE + ")") && access.contains("coordination.k8s.io/leases")
        ? LEASE_NAMESPACE : "cluster";
    return access.substring(0, access.indexOf(" (")) + " [" + scope + "]";
  }

  private static Set<String> granted(List<HasMetadata> objects) {
    Set<String> granted = new TreeSet<>();
    for (HasMetadata o : objects) {
      List<PolicyRule> rules;
      String scope;
      if (o instanceof ClusterRole role) {
        rules = role.getRules();
        scope = "cluster";
      } else if (o instanceof Role role) {
        rules = role.getRules();
        scope = role.getMetadata().getNamespace();
      } else {
        continue;
      }
      for (PolicyRule r : rules) {
        for (String g : r.getApiGroups()) {
          for (String res : r.getResources()) {
            for (String verb : r.getVerbs()) {
              granted.add(verb + " " + g + "/" + res + " [" + scope + "]");
            }
          }
        }
      }
    }
    return granted;
  }

  private static Object status(KubernetesClient client) {
    var r = client.genericKubernetesResources(BillingIdentityResources.CONTEXT).withName("billing").get();
    return r == null ? null : r.getAdditionalProperties().get("status");
  }

  @SuppressWarnings("unchecked")
  private static boolean ready(KubernetesClient client) {
    Object status = status(client);
    return status instanceof Map<?, ?> m && ResourceStatus.condition(m, "Ready")
        .map(c -> "True".equals(c.get("status"))).orElse(false);
  }
}
