package dev.billingidentity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PolicyDocument#isEquivalentTo}: what does not change the access a policy grants, and what does. */
class PolicyEquivalenceTest {
  private static final String S3 = """
      {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
       "Resource":["arn:aws:s3:::acme-billing","arn:aws:s3:::acme-billing/*"]}""";
  private static final String TRUST = """
      {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.example/id/X"},
       "Action":"sts:AssumeRoleWithWebIdentity",
       "Condition":{"StringEquals":{"oidc.example/id/X:aud":"sts.amazonaws.com",
         "oidc.example/id/X:sub":["system:serviceaccount:mxp-a-system:vector","system:serviceaccount:mxp-b-system:vector"]}}}""";
  private static final String BASE = doc(S3, TRUST);

  private static String doc(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static Stream<Arguments> equivalent() {
    return Stream.of(
        Arguments.of("the same text", BASE),
        Arguments.of("statements in the other order", doc(TRUST, S3)),
        Arguments.of("actions in the other order", BASE.replace(
            "[\"s3:GetObject\",\"s3:ListBucket\"]", "[\"s3:ListBucket\",\"s3:GetObject\"]")),
        Arguments.of("resources in the other order", BASE.replace(
            "[\"arn:aws:s3:::acme-billing\",\"arn:aws:s3:::acme-billing/*\"]",
            "[\"arn:aws:s3:::acme-billing/*\",\"arn:aws:s3:::acme-billing\"]")),
        Arguments.of("condition values in the other order", BASE.replace(
            "[\"system:serviceaccount:mxp-a-system:vector\",\"system:serviceaccount:mxp-b-system:vector\"]",
            "[\"system:serviceaccount:mxp-b-system:vector\",\"system:serviceaccount:mxp-a-system:vector\"]")),
        Arguments.of("a one-element array instead of a string (Action)", BASE.replace(
            "\"sts:AssumeRoleWithWebIdentity\"", "[\"sts:AssumeRoleWithWebIdentity\"]")),
        Arguments.of("a one-element array instead of a string (Principal)", BASE.replace(
            "\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/oidc.example/id/X\"",
            "\"Federated\":[\"arn:aws:iam::123456789012:oidc-provider/oidc.example/id/X\"]")),
        Arguments.of("a one-element array instead of a string (Condition)", BASE.replace(
            "\"sts.amazonaws.com\"", "[\"sts.amazonaws.com\"]")),
        Arguments.of("another Sid", BASE.replace("\"Sid\":\"Read\"", "\"Sid\":\"SomethingElse\"")),
        Arguments.of("no Sid", BASE.replace("\"Sid\":\"Read\",", "")),
        Arguments.of("a Sid on the other statement too", doc(S3, TRUST.replace("{\"Effect\"", "{\"Sid\":\"X\",\"Effect\""))),
        Arguments.of("elements in another order", doc(
            "{\"Resource\":[\"arn:aws:s3:::acme-billing\",\"arn:aws:s3:::acme-billing/*\"],"
                + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Effect\":\"Allow\"}", TRUST)),
        Arguments.of("pretty-printed", PolicyDocument.parse(BASE).toPrettyJson()),
        Arguments.of("a different Id", BASE.replace("{\"Version\"", "{\"Id\":\"other\",\"Version\"")));
  }

  static Stream<Arguments> different() {
    return Stream.of(
        Arguments.of("an action missing", BASE.replace("[\"s3:GetObject\",\"s3:ListBucket\"]", "[\"s3:GetObject\"]")),
        Arguments.of("another action", BASE.replace("\"s3:ListBucket\"", "\"s3:DeleteObject\"")),
        Arguments.of("an extra action", BASE.replace("\"s3:ListBucket\"", "\"s3:ListBucket\",\"s3:PutObject\"")),
        Arguments.of("another resource", BASE.replace("acme-billing/*", "other-bucket/*")),
        Arguments.of("a resource missing", BASE.replace(",\"arn:aws:s3:::acme-billing/*\"", "")),
        Arguments.of("another condition value", BASE.replace("mxp-b-system", "mxp-c-system")),
        Arguments.of("a condition value missing", BASE.replace(",\"system:serviceaccount:mxp-b-system:vector\"", "")),
        Arguments.of("another condition operator", BASE.replace("StringEquals", "StringLike")),
        Arguments.of("another condition key", BASE.replace("X:aud", "X:amr")),
        Arguments.of("Deny instead of Allow", BASE.replace("{\"Sid\":\"Read\",\"Effect\":\"Allow\"",
            "{\"Sid\":\"Read\",\"Effect\":\"Deny\"")),
        Arguments.of("another principal", BASE.replace("oidc-provider/oidc.example/id/X\"", "oidc-provider/other\"")),
        Arguments.of("another principal type", BASE.replace("\"Federated\"", "\"AWS\"")),
        Arguments.of("NotAction instead of Action", BASE.replace("\"Action\":[", "\"NotAction\":[")),
        Arguments.of("a statement missing", doc(S3)),
        Arguments.of("a statement more", doc(S3, TRUST,
            "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}")),
        Arguments.of("another policy language version", BASE.replace("2012-10-17", "2008-10-17")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("equivalent")
  void accessIsTheSameWhen(String change, String other) {
    PolicyDocument base = PolicyDocument.parse(BASE);
    PolicyDocument changed = PolicyDocument.parse(other);
    if (!change.equals("the same text")) {
      assertThat(other).as("the variant really changes the text").isNotEqualTo(BASE);
    }

    assertThat(base.isEquivalentTo(changed)).isTrue();
    assertThat(changed.isEquivalentTo(base)).isTrue();
  }

  @Test
  void aStringAndAOneElementArrayAreTheSameButTwoElementsAreNot() {
    PolicyDocument string = PolicyDocument.parse(doc(
        "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-billing/*\"}"));
    PolicyDocument array = PolicyDocument.parse(doc(
        "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::acme-billing/*\"]}"));
    PolicyDocument twice = PolicyDocument.parse(doc(
        "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
            + "\"Resource\":[\"arn:aws:s3:::acme-billing/*\"]}"));

    assertThat(string.isEquivalentTo(array)).isTrue();
    assertThat(array.isEquivalentTo(string)).isTrue();
    assertThat(string.isEquivalentTo(twice)).isFalse();
    assertThat(string).as("equivalent, but not equal as JSON").isNotEqualTo(array);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("different")
  void accessDiffersWhen(String change, String other) {
    PolicyDocument base = PolicyDocument.parse(BASE);
    PolicyDocument changed = PolicyDocument.parse(other);
    assertThat(other).as("the variant really changes the text").isNotEqualTo(BASE);

    assertThat(base.isEquivalentTo(changed)).isFalse();
    assertThat(changed.isEquivalentTo(base)).isFalse();
  }
}
