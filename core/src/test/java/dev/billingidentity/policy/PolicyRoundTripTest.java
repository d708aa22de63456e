package dev.billingidentity.policy;

import static dev.billingidentity.TestResources.minify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.billingidentity.TestResources;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trust policy shared with other workloads is read and written back without changing anything the library does
 * not own: every element (NotPrincipal, NotAction, NotResource, Condition values of every JSON type, unknown keys),
 * number formats, escapes, the order of statements and the top-level {@code Id}.
 */
class PolicyRoundTripTest {
  private static final String FIXTURE = TestResources.text("policy/foreign-trust-policy.json");
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
  /** An independent reading of JSON (Jackson with exact numbers), to compare the library's trees with. */
  private static final ObjectMapper PLAIN = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  private static Statement newOwned() {
    return BillingPolicies.irsaStatement(ACCOUNT, ISSUER, List.of(
        BillingPolicies.subject("mxp-a-system", "vector"), BillingPolicies.subject("mxp-b-system", "vector")));
  }

  @Test
  void writesAPrettyPolicyBackAsExactlyItsMinifiedText() {
    PolicyDocument doc = PolicyDocument.parse(FIXTURE);

    assertThat(doc.toJson()).isEqualTo(minify(FIXTURE));
    assertThat(doc.statements()).hasSize(4);
    assertThat(doc.toJsonNode().get("Id").textValue()).isEqualTo("spaces-billing-trust");
  }

  @Test
  void keepsNumbersBooleansNullsAndNestedArraysAsWritten() throws Exception {
    String json = PolicyDocument.parse(FIXTURE).toJson();

    assertThat(json)
        .contains("\"acme:riskScore\":1.50")
        .contains("\"acme:weights\":[0,-7,2.250,1.0,12345678901234567890]")
        .contains("\"aws:MultiFactorAuthAge\":3600")
        .contains("\"aws:MultiFactorAuthPresent\":true")
        .contains("\"aws:TokenIssueTime\":false")
        .contains("\"acme:explicitNull\":null")
        .contains("\"aws:PrincipalOrgPaths\":[[\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/\"],\"o-a1b2c3d4e5/*\"]")
        .contains("\"x-acme-owner\":{\"team\":\"data\",\"ticket\":4711,\"history\":[[1,2],{\"by\":null}]}")
        .contains("\"acme:note\":\"say \\\"hi\\\" \\\\ tab\\there, é, 😀, ${aws:username}\"");
    JsonNode weights = PolicyDocument.parse(FIXTURE).statements().get(3).toJsonNode()
        .at("/Condition/NumericLessThanEquals/acme:weights");
    assertThat(weights.get(2).decimalValue()).hasToString("2.250");
    assertThat(weights.get(4).bigIntegerValue()).hasToString("12345678901234567890");
  }

  @Test
  void readsEveryStatementAsTheSameJsonTreeAnIndependentReaderSees() throws Exception {
    PolicyDocument doc = PolicyDocument.parse(FIXTURE);
    JsonNode expected = PLAIN.readTree(FIXTURE);

    assertThat(doc.toJsonNode()).isEqualTo(expected);
    for (int i = 0; i < 4; i++) {
      assertThat(doc.statements().get(i).toJsonNode()).isEqualTo(expected.get("Statement").get(i));
    }
    assertThat(PolicyDocument.parse(doc.toJson())).isEqualTo(doc);
    assertThat(PolicyDocument.parse(doc.toPrettyJson())).isEqualTo(doc);
  }

  @Test
  void replacingTheOwnedStatementKeepsEveryForeignStatementByteForByteAndInOrder() {
    PolicyDocument doc = PolicyDocument.parse(FIXTURE);
    String before = doc.toJson();
    Statement oldOwned = doc.statements().get(1);
    assertThat(oldOwned.sid()).contains(BillingPolicies.IRSA_SID);
    assertThat(before).contains(oldOwned.toString());

    PolicyDocument after = doc.withOwnedStatements(BillingPolicies.OWNED_SID_PREFIX, List.of(newOwned()));

    assertThat(after.toJson()).isEqualTo(before.replace(oldOwned.toString(), newOwned().toString()));
    assertThat(after.statements()).containsExactly(
        doc.statements().get(0), newOwned(), doc.statements().get(2), doc.statements().get(3));
    assertThat(doc.toJson()).as("the original document is immutable").isEqualTo(before);
  }

  @Test
  void removingTheOwnedStatementsKeepsEverythingElseByteForByte() {
    PolicyDocument doc = PolicyDocument.parse(FIXTURE);
    String owned = doc.statements().get(1).toString();

    PolicyDocument after = doc.withOwnedStatements(BillingPolicies.OWNED_SID_PREFIX, List.of());

    assertThat(after.toJson()).isEqualTo(doc.toJson().replace("," + owned, ""));
    assertThat(after.statementsWithSidPrefix(BillingPolicies.OWNED_SID_PREFIX)).isEmpty();
  }

  @Test
  void newOwnedStatementsGoLastWhenThereWereNone() {
    PolicyDocument foreignOnly =
        PolicyDocument.parse(FIXTURE).withOwnedStatements(BillingPolicies.OWNED_SID_PREFIX, List.of());
    String foreignJson = foreignOnly.toJson();

    PolicyDocument after = foreignOnly.withOwnedStatements(BillingPolicies.OWNED_SID_PREFIX, List.of(newOwned()));

    String closing = "]}";
    assertThat(foreignJson).endsWith(closing);
    assertThat(after.toJson()).isEqualTo(
        foreignJson.substring(0, foreignJson.length() - closing.length()) + "," + newOwned() + closing);
  }

  @Test
  void severalOwnedStatementsAreReplacedAtThePlaceOfTheFirst() {
    String json = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"A","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
          {"Sid":"BillingIdentityOld1","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"},
          {"Sid":"B","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"},
          {"Sid":"BillingIdentityOld2","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:TagSession"},
          {"Sid":"C","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;
    PolicyDocument doc = PolicyDocument.parse(json);
    Statement pod = BillingPolicies.podIdentityStatement(ACCOUNT, "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod");

    PolicyDocument after = doc.withOwnedStatements(BillingPolicies.OWNED_SID_PREFIX, List.of(pod, newOwned()));

    assertThat(after.statements()).containsExactly(
        doc.statements().get(0), pod, newOwned(), doc.statements().get(2), doc.statements().get(4));
  }

  @Test
  void replacingOnlyOneOwnedPrefixKeepsTheLibrarysStatementsOfTheOtherMode() {
    PolicyDocument doc = PolicyDocument.parse(FIXTURE);
    Statement pod = BillingPolicies.podIdentityStatement(ACCOUNT, "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod");

    PolicyDocument after = doc.withOwnedStatements(BillingPolicies.POD_IDENTITY_SID, List.of(pod));

    assertThat(after.statements()).containsExactly(
        doc.statements().get(0), doc.statements().get(1), doc.statements().get(2), doc.statements().get(3), pod);
  }

  @Test
  void aStatementWrittenAsASingleObjectIsReadAndKeptWithTheIdElement() {
    String json = """
        {
          "Version": "2012-10-17",
          "Id": "single",
          "Statement": {
            "Sid": "Ec2",
            "Effect": "Allow",
            "Principal": { "Service": "ec2.amazonaws.com" },
            "Action": "sts:AssumeRole",
            "Condition": { "NumericLessThan": { "acme:ratio": 0.10 } }
          }
        }
        """;
    PolicyDocument doc = PolicyDocument.parse(json);

    assertThat(doc.toJson()).isEqualTo(minify(json));
    assertThat(doc.statements()).singleElement().satisfies(s -> assertThat(s.sid()).contains("Ec2"));

    PolicyDocument after = doc.withOwnedStatements(BillingPolicies.OWNED_SID_PREFIX, List.of(newOwned()));

    String foreign = doc.statements().get(0).toString();
    assertThat(foreign).contains("\"acme:ratio\":0.10");
    assertThat(after.toJson()).isEqualTo(
        "{\"Version\":\"2012-10-17\",\"Id\":\"single\",\"Statement\":[" + foreign + "," + newOwned() + "]}");
  }

  @Test
  void equivalentEscapesAreReadAsTheSameString() {
    PolicyDocument escaped = PolicyDocument.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:\\u0047etObject\",\"Resource\":\"arn:aws:s3:::a\\/b\"}]}");
    PolicyDocument plain = PolicyDocument.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::a/b\"}]}");

    assertThat(escaped).isEqualTo(plain);
    assertThat(escaped.toJson()).isEqualTo(plain.toJson());
  }

  @Test
  void documentsAreImmutable() {
    PolicyDocument doc = PolicyDocument.parse(FIXTURE);
    String before = doc.toJson();

    doc.toJsonNode().removeAll();
    doc.statements().get(0).toJsonNode().removeAll();
    doc.statements().get(0).element("Condition").ifPresent(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c)
        .removeAll());

    assertThat(doc.toJson()).isEqualTo(before);
  }
}
