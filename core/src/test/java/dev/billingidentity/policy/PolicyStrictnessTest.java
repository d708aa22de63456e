package dev.billingidentity.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.TestResources;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;

/** What the library refuses to read, and the grammar problems it reports in what it can read. */
class PolicyStrictnessTest {
  private static final String OK_STATEMENT = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", "the document is empty"),
        Arguments.of("blank", " \n\t ", "the document is empty"),
        Arguments.of("duplicate top-level key",
            "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Statement\":[" + OK_STATEMENT + "]}",
            "Duplicate field 'Statement'"),
        Arguments.of("duplicate Effect in a statement",
            "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Effect\":\"Allow\"}]}",
            "Duplicate field 'Effect'"),
        Arguments.of("duplicate condition key",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceAccount\":\"111111111111\",\"aws:SourceAccount\":\"222222222222\"}}}]}",
            "Duplicate field 'aws:SourceAccount'"),
        Arguments.of("duplicate condition operator",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Condition\":{\"Bool\":{\"a\":true},\"Bool\":{\"b\":true}}}]}",
            "Duplicate field 'Bool'"),
        Arguments.of("missing Statement", "{\"Version\":\"2012-10-17\"}", "the document has no Statement"),
        Arguments.of("Statement as a string", "{\"Version\":\"2012-10-17\",\"Statement\":\"Allow everything\"}",
            "Statement must be an object or an array of objects"),
        Arguments.of("Statement as a number", "{\"Statement\":1}", "Statement must be an object or an array of objects"),
        Arguments.of("Statement null", "{\"Statement\":null}", "Statement must be an object or an array of objects"),
        Arguments.of("Statement array holding a string", "{\"Statement\":[" + OK_STATEMENT + ",\"Allow\"]}",
            "Statement must be an object or an array of objects"),
        Arguments.of("Statement array holding an array", "{\"Statement\":[[" + OK_STATEMENT + "]]}",
            "Statement must be an object or an array of objects"),
        Arguments.of("trailing garbage", "{\"Statement\":[" + OK_STATEMENT + "]} x", "not valid JSON"),
        Arguments.of("a second document", "{\"Statement\":[" + OK_STATEMENT + "]}{\"Statement\":[]}", "not valid JSON"),
        Arguments.of("a stray closing bracket", "{\"Statement\":[" + OK_STATEMENT + "]}]", "not valid JSON"),
        Arguments.of("truncated", "{\"Statement\":[" + OK_STATEMENT, "not valid JSON"),
        Arguments.of("unquoted keys", "{Statement:[]}", "not valid JSON"),
        Arguments.of("single quotes", "{'Statement':[]}", "not valid JSON"),
        Arguments.of("trailing comma", "{\"Statement\":[" + OK_STATEMENT + ",]}", "not valid JSON"),
        Arguments.of("still URL-encoded, as GetRole returns it",
            "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D", "not valid JSON"),
        Arguments.of("an array", "[" + OK_STATEMENT + "]", "the document is not a JSON object"),
        Arguments.of("a string", "\"{}\"", "the document is not a JSON object"),
        Arguments.of("null", "null", "the document is not a JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesMalformedDocuments(String name, String json, String reason) {
    assertThatThrownBy(() -> PolicyDocument.parse(json))
        .isInstanceOf(MalformedPolicyException.class)
        .isInstanceOf(BillingIdentityException.class)
        .hasMessageStartingWith("malformed policy document: ")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @NullSource
  void refusesNoDocumentAtAll(String json) {
    assertThatThrownBy(() -> PolicyDocument.parse(json))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageContaining("the document is empty");
  }

  @Test
  void acceptsAnEmptyStatementArrayAndAStatementObject() {
    assertThat(PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[]}").statements()).isEmpty();
    assertThat(PolicyDocument.parse("{\"Statement\":" + OK_STATEMENT + "}").statements()).hasSize(1);
  }

  @Test
  void grammarProblemsNameUnknownElementsAndBadEffects() {
    PolicyDocument doc = PolicyDocument.parse("""
        {"Version":"2012-10-17","Statements":[],"Statement":[
          {"Sid":"Typo","Effect":"Allow","Actions":"s3:GetObject","Resource":"*"},
          {"Effect":"allow","Action":"s3:GetObject","Resource":"*"},
          {"Action":"s3:GetObject","Resource":"*"},
          {"Sid":"Fine","Effect":"Deny","NotAction":"s3:*","NotResource":"*","NotPrincipal":{"AWS":"*"},
           "Condition":{"Bool":{"aws:SecureTransport":false}}}]}
        """);

    assertThat(doc.grammarProblems()).containsExactly(
        "unknown top-level element 'Statements'",
        "statement 1 (Sid Typo): unknown element 'Actions'",
        "statement 2: Effect must be Allow or Deny",
        "statement 3: Effect must be Allow or Deny");
  }

  @Test
  void grammarProblemsAreEmptyForTheGuidesPoliciesAndTheLibrarysOwn() {
    for (String path : new String[] {"guide/irsa-s3-permission-policy.json",
        "guide/irsa-trust-policy-one-control-plane.json", "guide/pod-identity-s3-permission-policy.json"}) {
      assertThat(PolicyDocument.parse(TestResources.text(path)).grammarProblems()).as(path).isEmpty();
    }
  }

  @Test
  void grammarProblemsFlagTheUnknownElementOfAnOtherwiseReadableForeignStatement() {
    PolicyDocument doc = PolicyDocument.parse(TestResources.text("policy/foreign-trust-policy.json"));

    assertThat(doc.grammarProblems()).containsExactly("statement 4 (Sid LegacyPartner): unknown element 'x-acme-owner'");
  }
}
