package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart, rendered and linted by the real helm: two replicas with probes on the operator's endpoints, the CRD
 * the operator reads (the very file the sandbox serves), and the ServiceMonitor only when asked for.
 */
class OperatorChartTest {

  /** The objects of a rendered chart. */
  @SuppressWarnings("unchecked")
  static List<HasMetadata> objects(String rendered) {
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)));
    return parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
  }

  @Test
  void lintsCleanWithAndWithoutTheServiceMonitor() throws Exception {
    assertThat(HelmChart.helm("lint", "--strict", HelmChart.CHART.toString()).stdout()).contains("0 chart(s) failed");
    assertThat(HelmChart.helm("lint", "--strict", HelmChart.CHART.toString(), "--set", "serviceMonitor.enabled=true")
        .stdout()).contains("0 chart(s) failed");
  }

  @Test
  void rendersTwoReplicasWithProbesOnTheOperatorsEndpointsAndTheSameCrdTheSandboxServes() throws Exception {
    List<HasMetadata> objects = objects(HelmChart.render("billing-identity"));

    Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).contains("operator", "--lease-namespace=billing-identity", "--metrics-port=8080",
        "--resync-period=600");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(objects).noneMatch(o -> o.getKind().equals("ServiceMonitor"));

    CustomResourceDefinition crd = objects.stream().filter(CustomResourceDefinition.class::isInstance)
        .map(CustomResourceDefinition.class::cast).findFirst().orElseThrow();
    assertThat(crd.getMetadata().getName()).isEqualTo(BillingIdentityResources.CRD_NAME);
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
      assertThat(v.getName()).isEqualTo(BillingIdentityResources.VERSION);
      assertThat(v.getSubresources().getStatus()).isNotNull();
    });
    assertThat(Files.readString(HelmChart.CHART.resolve("crds/" + BillingIdentityResources.CRD_NAME + ".yaml")))
        .as("the chart's CRD is the operator's (examples/src/main/resources/.../%s.yaml)",
            BillingIdentityResources.CRD_NAME)
        .isEqualTo(BillingIdentityResources.crdYaml());
  }

  @Test
  void rendersTheServiceMonitorWhenEnabled() throws Exception {
    List<HasMetadata> objects = objects(HelmChart.render("monitoring", "serviceMonitor.enabled=true"));

    assertThat(objects).filteredOn(o -> o.getKind().equals("ServiceMonitor")).singleElement()
        .satisfies(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("monitoring"));
  }
}
