package dev.billingidentity.awssdk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.billingidentity.awssdk.AwsWire.IAM_NS;
import static dev.billingidentity.awssdk.AwsWire.action;
import static dev.billingidentity.awssdk.AwsWire.form;
import static dev.billingidentity.awssdk.AwsWire.onlyRequest;
import static dev.billingidentity.awssdk.AwsWire.queryError;
import static dev.billingidentity.awssdk.AwsWire.queryResponse;
import static dev.billingidentity.awssdk.AwsWire.requests;
import static dev.billingidentity.awssdk.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every IAM call the library makes, as the Query-protocol request IAM expects, and parsed from IAM's XML answer. */
class IamWireTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  /** A trust policy as GetRole returns it: RFC 3986 percent-encoding, one raw '+' left as some encoders leave it. */
  static final String ENCODED_TRUST = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A"
      + "%22Allow%22%2C%22Principal%22%3A%7B%22Federated%22%3A%22arn%3Aaws%3Aiam%3A%3A123456789012%3Aoidc-provider%2F"
      + "oidc.eks.us-east-1.amazonaws.com%2Fid%2FEXAMPLE%22%7D%2C%22Action%22%3A%22sts%3AAssumeRoleWithWebIdentity%22"
      + "%2C%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22aws%3APrincipalTag%2Fteam%22%3A%22a+b%20c%25d%20%C3%A9%20"
      + "x%2By%22%7D%7D%7D%5D%7D";
  static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE\"},"
      + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":"
      + "\"a+b c%d é x+y\"}}}]}";
  static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
      + "[\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::acme-billing/*\"}]}";
  static final String ENCODED_POLICY = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22"
      + "%3A%22Allow%22%2C%22Action%22%3A%5B%22s3%3APutObject%22%5D%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3A"
      + "acme-billing%2F%2A%22%7D%5D%7D";

  private AwsAdapters adapters;
  private IamPort iam;

  @BeforeEach
  void adapters() {
    adapters = AwsWire.adapters(server).build();
    iam = adapters.backend().iam();
  }

  @AfterEach
  void close() {
    adapters.close();
  }

  private static String role(String encodedTrust, String tags) {
    return "<Role><Path>/</Path><Arn>arn:aws:iam::123456789012:role/spaces-billing</Arn>"
        + "<RoleName>spaces-billing</RoleName><AssumeRolePolicyDocument>" + encodedTrust + "</AssumeRolePolicyDocument>"
        + "<CreateDate>2024-05-08T23:34:01Z</CreateDate><RoleId>AROADBQP57FF2AEXAMPLE</RoleId>"
        + "<MaxSessionDuration>3600</MaxSessionDuration>" + tags + "</Role>";
  }

  private static void answer(String action, String result) {
    server.stubFor(action(action).willReturn(xml(200, queryResponse(IAM_NS, action, result))));
  }

  /** The form of the only request: an IAM Query-protocol POST to {@code /}. */
  private static Map<String, String> postedForm() {
    LoggedRequest request = onlyRequest(server);
    assertThat(request.getMethod().getName()).isEqualTo("POST");
    assertThat(request.getUrl()).isEqualTo("/");
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    return form(request);
  }

  @Test
  void getRoleDecodesTheRfc3986EncodedTrustPolicyAndReadsTheTags() {
    answer("GetRole", role(ENCODED_TRUST,
        "<Tags><member><Key>billing-identity.dev/managed-by</Key><Value>billing-identity</Value></member></Tags>"));

    RoleInfo role = iam.findRole("spaces-billing").orElseThrow();

    assertThat(postedForm()).containsOnly(
        entry("Action", "GetRole"), entry("Version", "2010-05-08"), entry("RoleName", "spaces-billing"));
    assertThat(role.trustPolicyJson()).isEqualTo(TRUST);
    assertThat(role.name()).isEqualTo("spaces-billing");
    assertThat(role.path()).isEqualTo("/");
    assertThat(role.arn()).isEqualTo("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(role.tags()).containsExactly(entry("billing-identity.dev/managed-by", "billing-identity"));
  }

  @Test
  void aMissingRoleIsEmpty() {
    server.stubFor(action("GetRole").willReturn(xml(404,
        queryError("Sender", "NoSuchEntity", "The role with name spaces-billing cannot be found."))));

    assertThat(iam.findRole("spaces-billing")).isEmpty();
  }

  @Test
  void createRoleSendsTheTrustPathDescriptionAndTags() {
    answer("CreateRole", role(ENCODED_TRUST, ""));

    RoleInfo created = iam.createRole(new NewRole("spaces-billing", "/", TRUST, "billing of Spaces",
        Map.of("billing-identity.dev/managed-by", "billing-identity")));

    assertThat(postedForm()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Action", "CreateRole", "Version", "2010-05-08", "RoleName", "spaces-billing", "Path", "/",
        "AssumeRolePolicyDocument", TRUST, "Description", "billing of Spaces",
        "Tags.member.1.Key", "billing-identity.dev/managed-by", "Tags.member.1.Value", "billing-identity"));
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(created.trustPolicyJson()).isEqualTo(TRUST);
    assertThat(created.tags()).containsExactly(entry("billing-identity.dev/managed-by", "billing-identity"));
  }

  @Test
  void aRoleWithoutTagsOrDescriptionSendsNeither() {
    answer("CreateRole", role(ENCODED_TRUST, ""));

    iam.createRole(new NewRole("spaces-billing", "/", TRUST, null, Map.of()));

    assertThat(postedForm()).containsOnlyKeys("Action", "Version", "RoleName", "Path", "AssumeRolePolicyDocument");
  }

  @Test
  void updateAssumeRolePolicySendsTheDocumentAsWritten() {
    answer("UpdateAssumeRolePolicy", null);

    iam.updateTrustPolicy("spaces-billing", TRUST);

    assertThat(postedForm()).containsOnly(entry("Action", "UpdateAssumeRolePolicy"),
        entry("Version", "2010-05-08"), entry("PolicyDocument", TRUST), entry("RoleName", "spaces-billing"));
  }

  @Test
  void tagRoleSendsEachTag() {
    answer("TagRole", null);

    iam.tagRole("spaces-billing", Map.of("team", "billing"));

    assertThat(postedForm()).containsExactlyInAnyOrderEntriesOf(Map.of("Action", "TagRole", "Version", "2010-05-08",
        "RoleName", "spaces-billing", "Tags.member.1.Key", "team", "Tags.member.1.Value", "billing"));
  }

  @Test
  void getRoleReadsThePermissionsBoundarySessionDurationAndDescription() {
    // As IAM answers GetRole for a role with a boundary (the API reference's AttachedPermissionsBoundary).
    answer("GetRole", role(ENCODED_TRUST, "<Description>billing of Spaces</Description>"
        + "<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
        + "<PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/DeveloperBoundary</PermissionsBoundaryArn>"
        + "</PermissionsBoundary>").replace("<MaxSessionDuration>3600", "<MaxSessionDuration>7200"));

    RoleInfo role = iam.findRole("spaces-billing").orElseThrow();

    assertThat(role.permissionsBoundary()).contains("arn:aws:iam::123456789012:policy/DeveloperBoundary");
    assertThat(role.maxSessionDurationSeconds()).isEqualTo(7200);
    assertThat(role.description()).contains("billing of Spaces");
  }

  @Test
  void aRoleWithoutBoundaryOrDescriptionReadsAsNone() {
    answer("GetRole", role(ENCODED_TRUST, ""));

    RoleInfo role = iam.findRole("spaces-billing").orElseThrow();

    assertThat(role.permissionsBoundary()).isEmpty();
    assertThat(role.description()).isEmpty();
    assertThat(role.maxSessionDurationSeconds()).isEqualTo(3600);
  }

  @Test
  void createRoleSendsThePermissionsBoundaryAndTheSessionDuration() {
    answer("CreateRole", role(ENCODED_TRUST, ""));

    RoleInfo created = iam.createRole(new NewRole("spaces-billing", "/", TRUST, null, Map.of(),
        java.util.Optional.of("arn:aws:iam::123456789012:policy/DeveloperBoundary"), java.util.OptionalInt.of(7200)));

    assertThat(postedForm()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Action", "CreateRole", "Version", "2010-05-08", "RoleName", "spaces-billing", "Path", "/",
        "AssumeRolePolicyDocument", TRUST, "PermissionsBoundary", "arn:aws:iam::123456789012:policy/DeveloperBoundary",
        "MaxSessionDuration", "7200"));
    // The answer names no boundary here: the requested one is the role's, since IAM sets it or fails the call.
    assertThat(created.permissionsBoundary()).contains("arn:aws:iam::123456789012:policy/DeveloperBoundary");
  }

  @Test
  void untagRoleSendsEachKey() {
    answer("UntagRole", null);

    iam.untagRole("spaces-billing", List.of("Team", "cost center"));

    assertThat(postedForm()).containsExactlyInAnyOrderEntriesOf(Map.of("Action", "UntagRole", "Version", "2010-05-08",
        "RoleName", "spaces-billing", "TagKeys.member.1", "Team", "TagKeys.member.2", "cost center"));
  }

  @Test
  void updateRoleSendsTheDescriptionAndTheSessionDuration() {
    answer("UpdateRole", null);

    iam.updateRole("spaces-billing", "billing of Spaces", 43_200);

    assertThat(postedForm()).containsExactlyInAnyOrderEntriesOf(Map.of("Action", "UpdateRole",
        "Version", "2010-05-08", "RoleName", "spaces-billing", "Description", "billing of Spaces",
        "MaxSessionDuration", "43200"));
  }

  @Test
  void updateRoleWithoutADescriptionSendsTheSessionDurationOnly() {
    answer("UpdateRole", null);

    iam.updateRole("spaces-billing", null, 3600);

    assertThat(postedForm()).containsOnlyKeys("Action", "Version", "RoleName", "MaxSessionDuration");
  }

  @Test
  void putAndDeleteRolePermissionsBoundary() {
    answer("PutRolePermissionsBoundary", null);

    iam.putRolePermissionsBoundary("spaces-billing", "arn:aws:iam::aws:policy/PowerUserAccess");

    assertThat(postedForm()).containsOnly(entry("Action", "PutRolePermissionsBoundary"),
        entry("Version", "2010-05-08"), entry("RoleName", "spaces-billing"),
        entry("PermissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"));
    server.resetRequests();
    answer("DeleteRolePermissionsBoundary", null);
    iam.deleteRolePermissionsBoundary("spaces-billing");
    assertThat(postedForm()).containsOnly(entry("Action", "DeleteRolePermissionsBoundary"),
        entry("Version", "2010-05-08"), entry("RoleName", "spaces-billing"));
  }

  @Test
  void deleteRole() {
    answer("DeleteRole", null);

    iam.deleteRole("spaces-billing");

    assertThat(postedForm()).containsOnly(
        entry("Action", "DeleteRole"), entry("Version", "2010-05-08"), entry("RoleName", "spaces-billing"));
  }

  @Test
  void listRolePoliciesFollowsTheMarkerToTheLastPage() {
    server.stubFor(action("ListRolePolicies").atPriority(2).willReturn(xml(200, queryResponse(IAM_NS,
        "ListRolePolicies", "<PolicyNames><member>billing-identity-s3</member><member>other</member></PolicyNames>"
            + "<IsTruncated>true</IsTruncated><Marker>page-2</Marker>"))));
    server.stubFor(action("ListRolePolicies").withFormParam("Marker", equalTo("page-2")).atPriority(1).willReturn(xml(200, queryResponse(IAM_NS, "ListRolePolicies",
        "<PolicyNames><member>third</member></PolicyNames><IsTruncated>false</IsTruncated>"))));

    List<String> names = iam.listRolePolicyNames("spaces-billing");

    assertThat(names).containsExactly("billing-identity-s3", "other", "third");
    List<LoggedRequest> sent = requests(server);
    assertThat(sent).hasSize(2);
    assertThat(form(sent.get(0))).containsOnly(
        entry("Action", "ListRolePolicies"), entry("Version", "2010-05-08"), entry("RoleName", "spaces-billing"));
    assertThat(form(sent.get(1))).containsEntry("Marker", "page-2").containsEntry("RoleName", "spaces-billing");
  }

  @Test
  void getRolePolicyDecodesTheDocument() {
    answer("GetRolePolicy", "<RoleName>spaces-billing</RoleName><PolicyName>billing-identity-s3</PolicyName>"
        + "<PolicyDocument>" + ENCODED_POLICY + "</PolicyDocument>");

    assertThat(iam.findRolePolicy("spaces-billing", "billing-identity-s3")).contains(POLICY);
    assertThat(postedForm()).containsOnly(entry("Action", "GetRolePolicy"), entry("Version", "2010-05-08"),
        entry("PolicyName", "billing-identity-s3"), entry("RoleName", "spaces-billing"));
  }

  @Test
  void aMissingInlinePolicyIsEmpty() {
    server.stubFor(action("GetRolePolicy").willReturn(xml(404, queryError("Sender", "NoSuchEntity",
        "The role policy with name billing-identity-s3 cannot be found."))));

    assertThat(iam.findRolePolicy("spaces-billing", "billing-identity-s3")).isEmpty();
  }

  @Test
  void putRolePolicySendsTheDocument() {
    answer("PutRolePolicy", null);

    iam.putRolePolicy("spaces-billing", "billing-identity-s3", POLICY);

    assertThat(postedForm()).containsOnly(entry("Action", "PutRolePolicy"), entry("Version", "2010-05-08"),
        entry("PolicyDocument", POLICY), entry("PolicyName", "billing-identity-s3"),
        entry("RoleName", "spaces-billing"));
  }

  @Test
  void deleteRolePolicy() {
    answer("DeleteRolePolicy", null);

    iam.deleteRolePolicy("spaces-billing", "billing-identity-s3");

    assertThat(postedForm()).containsOnly(entry("Action", "DeleteRolePolicy"), entry("Version", "2010-05-08"),
        entry("PolicyName", "billing-identity-s3"), entry("RoleName", "spaces-billing"));
  }

  @Test
  void listOpenIdConnectProviders() {
    answer("ListOpenIDConnectProviders", "<OpenIDConnectProviderList>"
        + "<member><Arn>arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A</Arn></member>"
        + "<member><Arn>arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com</Arn></member>"
        + "</OpenIDConnectProviderList>");

    assertThat(iam.listOidcProviderArns()).containsExactly(
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A",
        "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
    assertThat(postedForm()).containsOnly(
        entry("Action", "ListOpenIDConnectProviders"), entry("Version", "2010-05-08"));
  }

  @Test
  void getOpenIdConnectProvider() {
    String arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A";
    answer("GetOpenIDConnectProvider", "<ThumbprintList><member>9e99a48a9960b14926bb7f3b02e22da2b0ab7280</member>"
        + "</ThumbprintList><CreateDate>2024-09-05T17:09:34.846Z</CreateDate>"
        + "<ClientIDList><member>sts.amazonaws.com</member></ClientIDList>"
        + "<Url>oidc.eks.us-east-1.amazonaws.com/id/A</Url>"
        + "<Tags><member><Key>billing-identity.dev/managed-by</Key><Value>billing-identity</Value></member></Tags>");

    OidcProviderInfo provider = iam.findOidcProvider(arn).orElseThrow();

    assertThat(postedForm()).containsOnly(entry("Action", "GetOpenIDConnectProvider"),
        entry("Version", "2010-05-08"), entry("OpenIDConnectProviderArn", arn));
    assertThat(provider).isEqualTo(new OidcProviderInfo(arn, "oidc.eks.us-east-1.amazonaws.com/id/A",
        List.of("sts.amazonaws.com"), List.of("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"),
        Map.of("billing-identity.dev/managed-by", "billing-identity")));
  }

  @Test
  void aMissingOpenIdConnectProviderIsEmpty() {
    server.stubFor(action("GetOpenIDConnectProvider").willReturn(xml(404, queryError("Sender", "NoSuchEntity",
        "OpenIDConnect Provider not found for arn arn:aws:iam::123456789012:oidc-provider/x"))));

    assertThat(iam.findOidcProvider("arn:aws:iam::123456789012:oidc-provider/x")).isEmpty();
  }

  @Test
  void createOpenIdConnectProviderSendsTheStsAudienceAndNoThumbprint() {
    String arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A";
    answer("CreateOpenIDConnectProvider", "<OpenIDConnectProviderArn>" + arn + "</OpenIDConnectProviderArn>");

    String created = iam.createOidcProvider(new NewOidcProvider("https://oidc.eks.us-east-1.amazonaws.com/id/A",
        List.of("sts.amazonaws.com"), List.of(), Map.of("billing-identity.dev/managed-by", "billing-identity")));

    assertThat(created).isEqualTo(arn);
    assertThat(postedForm()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Action", "CreateOpenIDConnectProvider", "Version", "2010-05-08",
        "Url", "https://oidc.eks.us-east-1.amazonaws.com/id/A", "ClientIDList.member.1", "sts.amazonaws.com",
        "Tags.member.1.Key", "billing-identity.dev/managed-by", "Tags.member.1.Value", "billing-identity"));
  }

  @Test
  void aThumbprintIsSentWhenTheCallerPinsOne() {
    answer("CreateOpenIDConnectProvider", "<OpenIDConnectProviderArn>arn:aws:iam::123456789012:oidc-provider/x"
        + "</OpenIDConnectProviderArn>");

    iam.createOidcProvider(new NewOidcProvider("https://x", List.of("sts.amazonaws.com"),
        List.of("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"), Map.of()));

    assertThat(postedForm()).containsEntry("ThumbprintList.member.1", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280")
        .containsOnlyKeys("Action", "Version", "Url", "ClientIDList.member.1", "ThumbprintList.member.1");
  }

  @Test
  void deleteOpenIdConnectProvider() {
    answer("DeleteOpenIDConnectProvider", null);

    iam.deleteOidcProvider("arn:aws:iam::123456789012:oidc-provider/x");

    assertThat(postedForm()).containsOnly(entry("Action", "DeleteOpenIDConnectProvider"),
        entry("Version", "2010-05-08"), entry("OpenIDConnectProviderArn", "arn:aws:iam::123456789012:oidc-provider/x"));
  }
}
