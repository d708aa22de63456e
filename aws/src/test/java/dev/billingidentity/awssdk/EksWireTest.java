package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.billingidentity.awssdk.AwsWire.eksError;
import static dev.billingidentity.awssdk.AwsWire.json;
import static dev.billingidentity.awssdk.AwsWire.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.billingidentity.spi.aws.AddonInfo;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.ClusterInfo;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.NewAssociation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every EKS call the library makes, as the REST-JSON request EKS expects, and parsed from EKS's JSON answer. */
class EksWireTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/spaces-billing";
  private static final String ASSOCIATION = "{\"association\":{\"clusterName\":\"spaces-prod\",\"namespace\":"
      + "\"mxp-a-system\",\"serviceAccount\":\"vector\",\"roleArn\":\"" + ROLE + "\",\"associationArn\":"
      + "\"arn:aws:eks:us-east-1:123456789012:podidentityassociation/spaces-prod/a-abcdefghijklmnop1\","
      + "\"associationId\":\"a-abcdefghijklmnop1\",\"tags\":{\"billing-identity.dev/managed-by\":\"billing-identity\"},"
      + "\"createdAt\":1.715208841E9,\"modifiedAt\":1.715208841E9,\"disableSessionTags\":false}}";
  private static final Association EXPECTED = new Association("a-abcdefghijklmnop1",
      "arn:aws:eks:us-east-1:123456789012:podidentityassociation/spaces-prod/a-abcdefghijklmnop1", "spaces-prod",
      "mxp-a-system", "vector", ROLE, Map.of("billing-identity.dev/managed-by", "billing-identity"));

  private AwsAdapters adapters;
  private EksPort eks;

  @BeforeEach
  void adapters() {
    adapters = AwsWire.adapters(server).build();
    eks = adapters.backend().eks();
  }

  @AfterEach
  void close() {
    adapters.close();
  }

  private static JsonNode body(LoggedRequest request) throws Exception {
    return JSON.readTree(request.getBodyAsString());
  }

  @Test
  void describeClusterGivesTheArnAndTheOidcIssuer() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod")).willReturn(json(200, "{\"cluster\":{\"name\":"
        + "\"spaces-prod\",\"arn\":\"arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod\",\"createdAt\":"
        + "1.715208841E9,\"version\":\"1.30\",\"endpoint\":\"https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com\","
        + "\"roleArn\":\"arn:aws:iam::123456789012:role/eks-cluster\",\"identity\":{\"oidc\":{\"issuer\":"
        + "\"https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\"}},\"status\":\"ACTIVE\","
        + "\"platformVersion\":\"eks.8\",\"tags\":{}}}")));

    ClusterInfo cluster = eks.describeCluster("spaces-prod");

    assertThat(onlyRequest(server).getMethod().getName()).isEqualTo("GET");
    assertThat(cluster).isEqualTo(new ClusterInfo("spaces-prod", "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod",
        Optional.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"), "ACTIVE"));
  }

  @Test
  void aClusterWithoutIdentityHasNoIssuer() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod")).willReturn(json(200, "{\"cluster\":{\"name\":"
        + "\"spaces-prod\",\"arn\":\"arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod\",\"status\":"
        + "\"CREATING\"}}")));

    assertThat(eks.describeCluster("spaces-prod").oidcIssuer()).isEmpty();
  }

  @Test
  void describeAddon() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod/addons/eks-pod-identity-agent")).willReturn(json(200,
        "{\"addon\":{\"addonName\":\"eks-pod-identity-agent\",\"clusterName\":\"spaces-prod\",\"status\":\"ACTIVE\","
            + "\"addonVersion\":\"v1.3.4-eksbuild.1\",\"health\":{\"issues\":[]},\"addonArn\":\"arn:aws:eks:us-east-1:"
            + "123456789012:addon/spaces-prod/eks-pod-identity-agent/abcd\",\"createdAt\":1.715208841E9}}")));

    assertThat(eks.findAddon("spaces-prod", "eks-pod-identity-agent"))
        .contains(new AddonInfo("eks-pod-identity-agent", "v1.3.4-eksbuild.1", "ACTIVE"));
  }

  @Test
  void aMissingAddonIsEmpty() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod/addons/eks-pod-identity-agent")).willReturn(
        eksError(404, "ResourceNotFoundException", "No addon: eks-pod-identity-agent found in cluster: spaces-prod")));

    assertThat(eks.findAddon("spaces-prod", "eks-pod-identity-agent")).isEmpty();
  }

  @Test
  void createAddonPostsTheName() throws Exception {
    server.stubFor(post(urlPathEqualTo("/clusters/spaces-prod/addons")).willReturn(json(200,
        "{\"addon\":{\"addonName\":\"eks-pod-identity-agent\",\"clusterName\":\"spaces-prod\",\"status\":"
            + "\"CREATING\"}}")));

    eks.createAddon("spaces-prod", "eks-pod-identity-agent");

    JsonNode sent = body(onlyRequest(server));
    assertThat(sent.get("addonName").asText()).isEqualTo("eks-pod-identity-agent");
    assertThat(sent.has("clientRequestToken")).as("the SDK's idempotency token").isTrue();
  }

  @Test
  void listPodIdentityAssociationsAsksForOnePageOfANamespace() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations")).willReturn(json(200,
        "{\"associations\":[{\"clusterName\":\"spaces-prod\",\"namespace\":\"mxp-a-system\",\"serviceAccount\":"
            + "\"vector\",\"associationArn\":\"arn:aws:eks:us-east-1:123456789012:podidentityassociation/spaces-prod/"
            + "a-1\",\"associationId\":\"a-1\"}],\"nextToken\":\"page-2\"}")));

    AssociationPage page = eks.listPodIdentityAssociations("spaces-prod", "mxp-a-system", "page-1", 50);

    LoggedRequest request = onlyRequest(server);
    assertThat(request.getMethod().getName()).isEqualTo("GET");
    assertThat(request.getQueryParams()).containsOnlyKeys("namespace", "nextToken", "maxResults");
    assertThat(request.queryParameter("namespace").firstValue()).isEqualTo("mxp-a-system");
    assertThat(request.queryParameter("nextToken").firstValue()).isEqualTo("page-1");
    assertThat(request.queryParameter("maxResults").firstValue()).isEqualTo("50");
    assertThat(page.items()).containsExactly(new AssociationSummary("a-1",
        "arn:aws:eks:us-east-1:123456789012:podidentityassociation/spaces-prod/a-1", "spaces-prod", "mxp-a-system",
        "vector"));
    assertThat(page.nextToken()).contains("page-2");
  }

  @Test
  void theFirstPageOfAllNamespacesSendsNoFilterAndTheLastHasNoToken() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations"))
        .willReturn(json(200, "{\"associations\":[]}")));

    AssociationPage page = eks.listPodIdentityAssociations("spaces-prod", null, null, 100);

    assertThat(onlyRequest(server).getQueryParams()).containsOnlyKeys("maxResults");
    assertThat(page.items()).isEmpty();
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void describePodIdentityAssociation() {
    server.stubFor(get(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations/a-abcdefghijklmnop1"))
        .willReturn(json(200, ASSOCIATION)));

    assertThat(eks.describePodIdentityAssociation("spaces-prod", "a-abcdefghijklmnop1")).isEqualTo(EXPECTED);
  }

  @Test
  void createPodIdentityAssociationPostsTheServiceAccountRoleAndTags() throws Exception {
    server.stubFor(post(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations"))
        .willReturn(json(200, ASSOCIATION)));

    Association created = eks.createPodIdentityAssociation(new NewAssociation("spaces-prod", "mxp-a-system", "vector",
        ROLE, Map.of("billing-identity.dev/managed-by", "billing-identity")));

    ObjectNode sent = (ObjectNode) body(onlyRequest(server));
    assertThat(sent.remove("clientRequestToken")).as("the SDK's idempotency token").isNotNull();
    assertThat(sent).isEqualTo(JSON.readTree("{\"namespace\":\"mxp-a-system\",\"serviceAccount\":\"vector\","
        + "\"roleArn\":\"" + ROLE + "\",\"tags\":{\"billing-identity.dev/managed-by\":\"billing-identity\"}}"));
    assertThat(created).isEqualTo(EXPECTED);
  }

  @Test
  void updatePodIdentityAssociationPostsTheNewRole() throws Exception {
    server.stubFor(post(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations/a-abcdefghijklmnop1"))
        .willReturn(json(200, ASSOCIATION)));

    Association updated = eks.updatePodIdentityAssociation("spaces-prod", "a-abcdefghijklmnop1", ROLE);

    ObjectNode sent = (ObjectNode) body(onlyRequest(server));
    sent.remove("clientRequestToken");
    assertThat(sent).isEqualTo(JSON.readTree("{\"roleArn\":\"" + ROLE + "\"}"));
    assertThat(updated).isEqualTo(EXPECTED);
  }

  @Test
  void deletePodIdentityAssociation() {
    server.stubFor(delete(urlPathEqualTo("/clusters/spaces-prod/pod-identity-associations/a-abcdefghijklmnop1"))
        .willReturn(json(200, ASSOCIATION)));

    eks.deletePodIdentityAssociation("spaces-prod", "a-abcdefghijklmnop1");

    assertThat(onlyRequest(server).getMethod().getName()).isEqualTo("DELETE");
  }
}
