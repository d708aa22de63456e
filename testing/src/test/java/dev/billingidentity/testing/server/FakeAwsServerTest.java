package dev.billingidentity.testing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.Faults;
import dev.billingidentity.testing.fault.RateLimit;
import dev.billingidentity.testing.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The fake AWS server on the wire, without the SDK: the requests are written as the SDK writes them, and the answers
 * are read as XML and JSON. The SDK adapters run the contract kits against it in {@code billing-identity-aws}.
 */
class FakeAwsServerTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
      + "{\"aws:PrincipalTag/team\":\"a+b c/é\"}}}]}";
  private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
      + "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}";

  private final InMemoryAws aws = new InMemoryAws();
  private final FakeAwsServer server = FakeAwsServer.start(aws);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> query(Map<String, String> params) throws Exception {
    String form = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> iam(String action, String... nameValues) throws Exception {
    Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("Action", action, "Version", "2010-05-08"));
    for (int i = 0; i < nameValues.length; i += 2) {
      params.put(nameValues[i], nameValues[i + 1]);
    }
    return query(params);
  }

  private HttpResponse<String> eks(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(server.endpoint().resolve(path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The text of the first element of that name, namespaces ignored. */
  private static String xml(HttpResponse<String> response, String element) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    return XPathFactory.newInstance().newXPath().evaluate("(//*[local-name()='" + element + "'])[1]", doc);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void getRoleAnswersTheTrustPolicyUrlEncodedAsIamDoes() throws Exception {
    aws.givenRole("spaces-billing", TRUST, Map.of("team", "billing"));

    HttpResponse<String> answer = iam("GetRole", "RoleName", "spaces-billing");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).startsWith("<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
        + "<GetRoleResult><Role>");
    assertThat(xml(answer, "Arn")).isEqualTo("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(xml(answer, "AssumeRolePolicyDocument"))
        .startsWith("%7B%22Version%22%3A%222012-10-17%22%2C")
        .contains("%22a%2Bb%20c%2F%C3%A9%22");
    assertThat(xml(answer, "Key")).isEqualTo("team");
    assertThat(xml(answer, "RequestId")).isNotEmpty();
  }

  @Test
  void aMissingRoleIsIamsNoSuchEntityError() throws Exception {
    HttpResponse<String> answer = iam("GetRole", "RoleName", "nobody");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(xml(answer, "Type")).isEqualTo("Sender");
    assertThat(xml(answer, "Code")).isEqualTo("NoSuchEntity");
    assertThat(xml(answer, "Message")).isEqualTo("The role with name nobody cannot be found.");
  }

  @Test
  void aTrustPolicyOverTheQuotaIsIamsLimitExceeded() throws Exception {
    aws.givenRole("r", TRUST, Map.of());

    HttpResponse<String> answer = iam("UpdateAssumeRolePolicy", "RoleName", "r",
        "PolicyDocument", TRUST.replace("a+b c/é", "x".repeat(2048)));

    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(xml(answer, "Code")).isEqualTo("LimitExceeded");
    assertThat(xml(answer, "Message")).isEqualTo("Cannot exceed quota for ACLSizePerRole: 2048");
  }

  @Test
  void anInjectedThrottleIsIamsThrottlingAnswer() throws Exception {
    aws.faults().throttleNext("GetRole", 1);

    HttpResponse<String> throttled = iam("GetRole", "RoleName", "r");

    assertThat(throttled.statusCode()).isEqualTo(400);
    assertThat(xml(throttled, "Code")).isEqualTo("Throttling");
    assertThat(xml(throttled, "Message")).isEqualTo("Rate exceeded");
    assertThat(iam("GetRole", "RoleName", "r").statusCode()).isEqualTo(404);
  }

  @Test
  void rolePolicyNamesArePagedWithAMarker() throws Exception {
    aws.givenRole("r", TRUST, Map.of());
    for (String name : new String[] {"a", "b", "c"}) {
      aws.putRolePolicy("r", name, POLICY);
    }

    HttpResponse<String> first = iam("ListRolePolicies", "RoleName", "r", "MaxItems", "2");
    HttpResponse<String> second = iam("ListRolePolicies", "RoleName", "r", "MaxItems", "2",
        "Marker", xml(first, "Marker"));

    assertThat(first.body()).contains("<PolicyNames><member>a</member><member>b</member></PolicyNames>")
        .contains("<IsTruncated>true</IsTruncated>");
    assertThat(second.body()).contains("<PolicyNames><member>c</member></PolicyNames>")
        .contains("<IsTruncated>false</IsTruncated>").doesNotContain("<Marker>");
  }

  @Test
  void getRolePolicyAnswersTheDocumentUrlEncoded() throws Exception {
    aws.givenRole("r", TRUST, Map.of());
    aws.putRolePolicy("r", "p", POLICY);

    HttpResponse<String> answer = iam("GetRolePolicy", "RoleName", "r", "PolicyName", "p");

    assertThat(xml(answer, "PolicyDocument")).contains("%22arn%3Aaws%3As3%3A%3A%3Ab%2F%2A%22");
  }

  @Test
  void oidcProvidersAreCreatedWithTheirListsAndTags() throws Exception {
    HttpResponse<String> created = iam("CreateOpenIDConnectProvider", "Url", "https://oidc.example/id/A",
        "ClientIDList.member.1", "sts.amazonaws.com", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v");

    assertThat(xml(created, "OpenIDConnectProviderArn"))
        .isEqualTo("arn:aws:iam::123456789012:oidc-provider/oidc.example/id/A");
    assertThat(aws.oidcProviders()).singleElement().satisfies(p -> {
      assertThat(p.clientIds()).containsExactly("sts.amazonaws.com");
      assertThat(p.thumbprints()).isEmpty();
      assertThat(p.tags()).containsExactly(Map.entry("k", "v"));
    });
  }

  /** The text at an element path below {@code GetRoleResult}, e.g. {@code Role, MaxSessionDuration}; null if absent. */
  private static String rolePath(HttpResponse<String> response, String... path) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    StringBuilder xpath = new StringBuilder("/*/*[local-name()='GetRoleResult']");
    for (String element : path) {
      xpath.append("/*[local-name()='").append(element).append("']");
    }
    var evaluator = XPathFactory.newInstance().newXPath();
    return evaluator.evaluate("count(" + xpath + ")", doc).equals("0") ? null
        : evaluator.evaluate(xpath.toString(), doc);
  }

  @Test
  void getRoleAnswersTheGuardrailsInIamsShapes() throws Exception {
    HttpResponse<String> created = iam("CreateRole", "RoleName", "guarded", "AssumeRolePolicyDocument", TRUST,
        "PermissionsBoundary", "arn:aws:iam::123456789012:policy/DeveloperBoundary", "MaxSessionDuration", "7200",
        "Description", "billing <of> Spaces", "Tags.member.1.Key", "team", "Tags.member.1.Value", "billing");
    assertThat(created.statusCode()).isEqualTo(200);

    HttpResponse<String> answer = iam("GetRole", "RoleName", "guarded");

    assertThat(rolePath(answer, "Role", "PermissionsBoundary", "PermissionsBoundaryType")).isEqualTo("Policy");
    assertThat(rolePath(answer, "Role", "PermissionsBoundary", "PermissionsBoundaryArn"))
        .isEqualTo("arn:aws:iam::123456789012:policy/DeveloperBoundary");
    assertThat(rolePath(answer, "Role", "MaxSessionDuration")).isEqualTo("7200");
    assertThat(rolePath(answer, "Role", "Description")).isEqualTo("billing <of> Spaces");
    assertThat(answer.body()).contains("<Description>billing &lt;of&gt; Spaces</Description>");
    assertThat(rolePath(answer, "Role", "Tags", "member", "Key")).isEqualTo("team");
    assertThat(rolePath(answer, "Role", "Tags", "member", "Value")).isEqualTo("billing");
  }

  @Test
  void aRoleWithoutGuardrailsAnswersNoBoundaryNoDescriptionAndTheDefaultSessionDuration() throws Exception {
    aws.givenRole("plain", TRUST, Map.of());

    HttpResponse<String> answer = iam("GetRole", "RoleName", "plain");

    assertThat(rolePath(answer, "Role", "PermissionsBoundary")).isNull();
    assertThat(rolePath(answer, "Role", "Description")).isNull();
    assertThat(rolePath(answer, "Role", "MaxSessionDuration")).isEqualTo("3600");
  }

  @Test
  void theGuardrailWritesAnswerEmptyResultsAndChangeTheRole() throws Exception {
    aws.givenRole("r", TRUST, Map.of("team", "billing", "owner", "platform"));

    assertThat(iam("PutRolePermissionsBoundary", "RoleName", "r", "PermissionsBoundary",
        "arn:aws:iam::aws:policy/PowerUserAccess").body()).startsWith("<PutRolePermissionsBoundaryResponse xmlns=\""
        + "https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata>");
    iam("UpdateRole", "RoleName", "r", "Description", "d", "MaxSessionDuration", "43200");
    iam("UntagRole", "RoleName", "r", "TagKeys.member.1", "owner");

    assertThat(aws.role("r")).hasValueSatisfying(r -> {
      assertThat(r.permissionsBoundary()).contains("arn:aws:iam::aws:policy/PowerUserAccess");
      assertThat(r.description()).contains("d");
      assertThat(r.maxSessionDurationSeconds()).isEqualTo(43_200);
      assertThat(r.tags()).containsOnly(Map.entry("team", "billing"));
    });
    iam("DeleteRolePermissionsBoundary", "RoleName", "r");
    assertThat(aws.role("r").orElseThrow().permissionsBoundary()).isEmpty();
  }

  @Test
  void aBoundaryThatIsNotAManagedPolicysArnIsIamsInvalidInput() throws Exception {
    aws.givenRole("r", TRUST, Map.of());

    HttpResponse<String> answer = iam("PutRolePermissionsBoundary", "RoleName", "r", "PermissionsBoundary",
        "arn:aws:iam::123456789012:role/not-a-policy");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(xml(answer, "Code")).isEqualTo("InvalidInput");
    assertThat(xml(answer, "Message")).isEqualTo("ARN arn:aws:iam::123456789012:role/not-a-policy is not valid.");
    assertThat(aws.role("r").orElseThrow().permissionsBoundary()).isEmpty();
  }

  @Test
  void aMissingParameterIsAValidationError() throws Exception {
    HttpResponse<String> answer = iam("GetRole");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(xml(answer, "Code")).isEqualTo("ValidationError");
  }

  @Test
  void anUnknownActionIsInvalidAction() throws Exception {
    HttpResponse<String> answer = iam("CreateUser", "UserName", "u");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(xml(answer, "Code")).isEqualTo("InvalidAction");
  }

  @Test
  void stsAnswersTheCallerIdentityInItsOwnNamespace() throws Exception {
    HttpResponse<String> answer = query(Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));

    assertThat(answer.body()).startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
    assertThat(xml(answer, "Account")).isEqualTo("123456789012");
    assertThat(xml(answer, "Arn")).isEqualTo("arn:aws:iam::123456789012:user/platform-admin");
  }

  @Test
  void eksDescribesAClusterWithItsIssuer() throws Exception {
    String issuer = aws.givenCluster("spaces-prod");

    JsonNode cluster = json(eks("GET", "/clusters/spaces-prod", null)).get("cluster");

    assertThat(cluster.get("arn").asText()).isEqualTo("arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod");
    assertThat(cluster.at("/identity/oidc/issuer").asText()).isEqualTo(issuer);
  }

  @Test
  void eksErrorsCarryTheTypeInTheHeaderAndTheMessageInTheBody() throws Exception {
    HttpResponse<String> answer = eks("GET", "/clusters/nope", null);

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
    assertThat(json(answer).get("message").asText()).isEqualTo("No cluster found for name: nope.");
  }

  @Test
  void eksPagesAssociationsWithNextTokenAndRefusesAForgedOne() throws Exception {
    aws.givenCluster("c");
    aws.givenRole("r", TRUST, Map.of());
    for (int i = 0; i < 3; i++) {
      aws.givenAssociation("c", "ns-" + i, "vector", "arn:aws:iam::123456789012:role/r", Map.of());
    }

    JsonNode first = json(eks("GET", "/clusters/c/pod-identity-associations?maxResults=2", null));
    JsonNode second = json(eks("GET", "/clusters/c/pod-identity-associations?maxResults=2&nextToken="
        + URLEncoder.encode(first.get("nextToken").asText(), StandardCharsets.UTF_8), null));
    HttpResponse<String> forged = eks("GET", "/clusters/c/pod-identity-associations?nextToken=bm9wZQ", null);

    assertThat(first.get("associations")).hasSize(2);
    assertThat(second.get("associations")).hasSize(1);
    assertThat(second.has("nextToken")).isFalse();
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.headers().firstValue("x-amzn-ErrorType")).contains("InvalidParameterException");
  }

  @Test
  void eksCreatesAnAssociationFromItsJsonBody() throws Exception {
    aws.givenCluster("c");
    aws.givenRole("r", TRUST, Map.of());

    HttpResponse<String> answer = eks("POST", "/clusters/c/pod-identity-associations", "{\"namespace\":\"ns\","
        + "\"serviceAccount\":\"vector\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"tags\":{\"k\":\"v\"},"
        + "\"clientRequestToken\":\"t\"}");

    JsonNode association = json(answer).get("association");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(association.get("associationId").asText()).startsWith("a-");
    assertThat(association.at("/tags/k").asText()).isEqualTo("v");
    assertThat(aws.associationFor("c", "ns", "vector")).isPresent();
  }

  @Test
  void listRolesAnswersEveryRoleUnderThePrefixWithItsTrustButNotItsTagsAndPages() throws Exception {
    aws.givenRole("a", TRUST, Map.of("team", "billing"));
    aws.givenRole("b", TRUST, Map.of());
    aws.givenRole("c", TRUST, Map.of());

    HttpResponse<String> first = iam("ListRoles", "MaxItems", "2");
    HttpResponse<String> second = iam("ListRoles", "MaxItems", "2", "Marker", xml(first, "Marker"));
    HttpResponse<String> none = iam("ListRoles", "PathPrefix", "/service-role/");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).startsWith("<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
        + "<ListRolesResult><Roles><member><Path>/</Path><Arn>arn:aws:iam::123456789012:role/a</Arn>"
        + "<RoleName>a</RoleName><AssumeRolePolicyDocument>%7B%22Version%22")
        .contains("<IsTruncated>true</IsTruncated>")
        // IAM's listings leave tags out: GetRole and ListRoleTags have them.
        .doesNotContain("<Tags>");
    assertThat(second.body()).contains("<RoleName>c</RoleName>").doesNotContain("<RoleName>a</RoleName>")
        .contains("<IsTruncated>false</IsTruncated>").doesNotContain("<Marker>");
    assertThat(none.body()).contains("<Roles></Roles>");
    assertThat(aws.calls().count("ListRoles")).isEqualTo(3L);
  }

  @Test
  void listRolesRefusesAPrefixAndAPageSizeIamRefuses() throws Exception {
    HttpResponse<String> prefix = iam("ListRoles", "PathPrefix", "service-role");
    HttpResponse<String> size = iam("ListRoles", "MaxItems", "1001");

    assertThat(prefix.statusCode()).isEqualTo(400);
    assertThat(xml(prefix, "Code")).isEqualTo("ValidationError");
    assertThat(xml(prefix, "Message")).contains("'service-role'", "pathPrefix");
    assertThat(size.statusCode()).isEqualTo(400);
    assertThat(xml(size, "Message")).contains("'1001'", "maxItems", "between 1 and 1000");
  }

  @Test
  void listRoleTagsAnswersTheTagsOfARoleAndNoSuchEntityForNoRole() throws Exception {
    aws.givenRole("r", TRUST, Map.of("team", "billing", "app", "vector"));

    HttpResponse<String> tags = iam("ListRoleTags", "RoleName", "r");
    HttpResponse<String> missing = iam("ListRoleTags", "RoleName", "nobody");

    assertThat(tags.body()).contains("<ListRoleTagsResult><Tags><member><Key>app</Key><Value>vector</Value></member>"
        + "<member><Key>team</Key><Value>billing</Value></member></Tags><IsTruncated>false</IsTruncated>");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(xml(missing, "Code")).isEqualTo("NoSuchEntity");
    assertThat(xml(missing, "Message")).isEqualTo("The role with name nobody cannot be found.");
  }

  @Test
  void eksListsClustersAndAddOnsAsNamesAndPagesThem() throws Exception {
    aws.givenCluster("a");
    aws.givenCluster("b");
    aws.givenAddon("a", InMemoryAws.POD_IDENTITY_AGENT);

    JsonNode first = json(eks("GET", "/clusters?maxResults=1&include=all", null));
    JsonNode second = json(eks("GET", "/clusters?maxResults=1&nextToken="
        + URLEncoder.encode(first.get("nextToken").asText(), StandardCharsets.UTF_8), null));
    JsonNode addons = json(eks("GET", "/clusters/a/addons", null));
    HttpResponse<String> noCluster = eks("GET", "/clusters/nope/addons", null);
    HttpResponse<String> tooMany = eks("GET", "/clusters?maxResults=101", null);

    assertThat(first.get("clusters")).extracting(JsonNode::asText).containsExactly("a");
    assertThat(second.get("clusters")).extracting(JsonNode::asText).containsExactly("b");
    assertThat(second.has("nextToken")).isFalse();
    assertThat(addons.get("addons")).extracting(JsonNode::asText).containsExactly("eks-pod-identity-agent");
    assertThat(noCluster.statusCode()).isEqualTo(404);
    assertThat(noCluster.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.headers().firstValue("x-amzn-ErrorType")).contains("InvalidParameterException");
  }

  @Test
  void aRateLimitAnswersEachServiceBeyondItsBucketWithItsThrottlingOnTheWire() throws Exception {
    aws.givenCluster("c");
    aws.faults().clock(new ManualClock(Instant.parse("2026-12-02T13:00:00Z")))
        .rateLimit("EKS", RateLimit.perSecond(1)).rateLimit("IAM", RateLimit.perSecond(1));

    HttpResponse<String> eksFirst = eks("GET", "/clusters/c", null);
    HttpResponse<String> eksThrottled = eks("GET", "/clusters/c", null);
    HttpResponse<String> iamFirst = iam("ListRoles");
    HttpResponse<String> iamThrottled = iam("ListRoles");

    assertThat(eksFirst.statusCode()).isEqualTo(200);
    assertThat(eksThrottled.statusCode()).isEqualTo(429);
    assertThat(eksThrottled.headers().firstValue("x-amzn-ErrorType")).contains("TooManyRequestsException");
    assertThat(iamFirst.statusCode()).isEqualTo(200);
    assertThat(iamThrottled.statusCode()).isEqualTo(400);
    assertThat(xml(iamThrottled, "Code")).isEqualTo("Throttling");
    assertThat(xml(iamThrottled, "Message")).isEqualTo("Rate exceeded");
    assertThat(aws.callsByService()).containsEntry("EKS", new CallCounts(2, 1)).containsEntry("IAM",
        new CallCounts(2, 1));
  }

  @Test
  void sixtyFourConcurrentRequestsAreServedAtOnceSoThatLatencyOverlapsAsOnAws() throws Exception {
    aws.givenCluster("c");
    int concurrent = 64;
    // Each request waits inside the fake until all 64 are inside: with fewer server threads the latch never opens.
    CountDownLatch allInside = new CountDownLatch(concurrent);
    for (int k = 1; k <= concurrent; k++) {
      aws.faults().beforeCall(Faults.ANY, k, () -> {
        allInside.countDown();
        try {
          allInside.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      answers.add(http11.sendAsync(HttpRequest.newBuilder(server.endpoint().resolve("/clusters/c")).GET().build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(allInside.getCount()).as("requests that never were inside the fake together with the others")
        .isZero();
  }

  @Test
  void anInjectedThrottleOfListClustersIsEksTooManyRequests() throws Exception {
    aws.faults().throttleNext("ListClusters", 1);

    HttpResponse<String> throttled = eks("GET", "/clusters", null);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).contains("TooManyRequestsException");
  }

  @Test
  void eksListsTheAssociationsOfOneServiceAccount() throws Exception {
    aws.givenCluster("c");
    aws.givenAssociation("c", "ns-1", "vector", "arn:aws:iam::123456789012:role/r", Map.of());
    aws.givenAssociation("c", "ns-1", "other", "arn:aws:iam::123456789012:role/r", Map.of());

    JsonNode answer = json(eks("GET", "/clusters/c/pod-identity-associations?namespace=ns-1&serviceAccount=vector",
        null));

    assertThat(answer.get("associations")).singleElement()
        .satisfies(a -> assertThat(a.get("serviceAccount").asText()).isEqualTo("vector"));
  }

  @Test
  void anUnknownEksPathIsAnswered404() throws Exception {
    HttpResponse<String> answer = eks("GET", "/clusters/c/nodegroups", null);

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
  }

  @Test
  void theCommandLineStartsAServerWithClustersOnTheGivenPort() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (FakeAwsServer standalone = FakeAwsServer.startFromArguments(
        new String[] {"--port", "0", "--cluster", "spaces-prod"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
          URI.create(standalone.endpoint() + "/clusters/spaces-prod")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("cluster spaces-prod: OIDC issuer https://oidc.eks.us-east-1.amazonaws.com/id/")
          .contains("on " + standalone.endpoint());
    }
  }

  @Test
  void theCommandLineCreatesBuckets() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (FakeAwsServer standalone = FakeAwsServer.startFromArguments(new String[] {"--port", "0", "--bucket",
        "acme-billing"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      assertThat(standalone.aws().s3().bucketRegion("acme-billing")).contains("us-east-1");
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("bucket acme-billing in us-east-1");
    }
  }

  @Test
  void s3RequestsAreRecognisedByTheirSigningScopeAndAnsweredInTheRegionAsked() throws Exception {
    aws.s3().givenBucket("clusters", "eu-west-1");

    HttpResponse<String> here = s3("HEAD", "/clusters", "eu-west-1", Map.of());
    HttpResponse<String> elsewhere = s3("HEAD", "/clusters", "us-east-1", Map.of());
    HttpResponse<String> missing = s3("HEAD", "/no-such-bucket", "us-east-1", Map.of());
    HttpResponse<String> otherOwner = s3("HEAD", "/clusters", "eu-west-1",
        Map.of("x-amz-expected-bucket-owner", "111122223333"));
    HttpResponse<String> encryption = s3("GET", "/clusters?encryption", "eu-west-1", Map.of());
    HttpResponse<String> redirected = s3("GET", "/clusters?encryption", "us-east-1", Map.of());

    assertThat(here.statusCode()).isEqualTo(200);
    assertThat(here.headers().firstValue("x-amz-bucket-region")).contains("eu-west-1");
    assertThat(elsewhere.statusCode()).as("a bucket named like EKS's path is still S3's").isEqualTo(301);
    assertThat(elsewhere.headers().firstValue("x-amz-bucket-region")).contains("eu-west-1");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(otherOwner.statusCode()).isEqualTo(403);
    assertThat(encryption.body()).contains("<SSEAlgorithm>AES256</SSEAlgorithm>");
    assertThat(redirected.statusCode()).isEqualTo(301);
    assertThat(redirected.body()).contains("<Code>PermanentRedirect</Code>");
    assertThat(aws.calls().count("HeadBucket")).isEqualTo(4);
  }

  private HttpResponse<String> s3(String method, String path, String region, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAFAKE/20261202/" + region
            + "/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000");
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void badCommandLinesAreRefused() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FakeAwsServer.startFromArguments(new String[] {"--port"}, quiet))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> FakeAwsServer.startFromArguments(new String[] {"--port", "x"}, quiet))
        .hasMessage("--port needs a number, was x");
    assertThatThrownBy(() -> FakeAwsServer.startFromArguments(new String[] {"--verbose"}, quiet))
        .hasMessage("unknown option: --verbose");
  }
}
