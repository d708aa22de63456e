package dev.billingidentity.irsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IrsaSubjectsEditTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
  private static final String FOREIGN = """
      {"Version":"2012-10-17","Statement":[
        {"Sid":"Ci","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Action":"sts:AssumeRole",
         "Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}}]}
      """;

  private static IrsaSubjectsEdit edit(List<String> add, List<String> remove, boolean pattern) {
    return new IrsaSubjectsEdit(ACCOUNT, ISSUER, new TreeSet<>(add), new TreeSet<>(remove), pattern);
  }

  private static String sub(String ns) {
    return Subjects.of(ns, "vector");
  }

  @Test
  void addsSubjectsInOneStatementAndKeepsForeignStatementsExactly() {
    PolicyDocument current = PolicyDocument.parse(FOREIGN);
    PolicyDocument after = edit(List.of(sub("mxp-b-system"), sub("mxp-a-system")), List.of(), false).applyTo(current);

    assertThat(after.statements()).hasSize(2);
    assertThat(after.statements().get(0)).isEqualTo(current.statements().get(0));
    assertThat(BillingPolicies.irsaSubjects(after, ISSUER)).containsExactly(sub("mxp-a-system"), sub("mxp-b-system"));
    Statement owned = after.statements().get(1);
    assertThat(owned.sid()).contains(BillingPolicies.IRSA_SID);
    assertThat(owned.conditionValues("StringEquals", ISSUER.hostPath() + ":aud")).containsExactly("sts.amazonaws.com");
  }

  @Test
  void isIdempotentAndKeepsSubjectsItDoesNotMention() {
    PolicyDocument once = edit(List.of(sub("mxp-a-system")), List.of(), false).applyTo(PolicyDocument.parse(FOREIGN));
    PolicyDocument other = edit(List.of(sub("mxp-z-system")), List.of(), false).applyTo(once);
    PolicyDocument again = edit(List.of(sub("mxp-a-system")), List.of(), false).applyTo(other);

    assertThat(again).isEqualTo(other);
    assertThat(BillingPolicies.irsaSubjects(again, ISSUER)).containsExactly(sub("mxp-a-system"), sub("mxp-z-system"));
  }

  @Test
  void removesOnlyTheNamedSubjectsAndDropsTheStatementWhenNoneIsLeft() {
    PolicyDocument two = edit(List.of(sub("mxp-a-system"), sub("mxp-b-system")), List.of(), false)
        .applyTo(PolicyDocument.parse(FOREIGN));
    PolicyDocument one = edit(List.of(), List.of(sub("mxp-a-system")), false).applyTo(two);
    PolicyDocument none = edit(List.of(), List.of(sub("mxp-b-system")), false).applyTo(one);

    assertThat(BillingPolicies.irsaSubjects(one, ISSUER)).containsExactly(sub("mxp-b-system"));
    assertThat(none).isEqualTo(PolicyDocument.parse(FOREIGN).withStatements(PolicyDocument.parse(FOREIGN).statements()));
  }

  @Test
  void writesNoWildcardUnlessThePatternIsOptedIn() {
    PolicyDocument exact = edit(List.of(sub("mxp-a-system")), List.of(), false).applyTo(PolicyDocument.of(List.of()));
    PolicyDocument pattern = edit(List.of(), List.of(), true).applyTo(PolicyDocument.of(List.of()));

    assertThat(exact.toJson()).doesNotContain("*").doesNotContain("StringLike");
    assertThat(pattern.statements()).singleElement()
        .satisfies(s -> assertThat(s.conditionValues("StringLike", ISSUER.hostPath() + ":sub"))
            .containsExactly("system:serviceaccount:mxp-*-system:vector"));
  }

  @Test
  void describeNamesTheSubjectsAddedAndRemoved() {
    String described = edit(List.of(sub("mxp-b-system"), sub("mxp-a-system")), List.of(sub("mxp-z-system")), false)
        .describe();

    assertThat(described).isEqualTo("add 2 subjects: system:serviceaccount:mxp-a-system:vector, "
        + "system:serviceaccount:mxp-b-system:vector; remove 1 subject: system:serviceaccount:mxp-z-system:vector");
  }

  @Test
  void describeNamesTheFirstTenSubjectsOfALongListAndCountsTheRest() {
    List<String> many = java.util.stream.IntStream.range(0, 25).mapToObj(i -> sub(String.format("mxp-%02d-system", i)))
        .toList();

    String described = edit(many, List.of(), true).describe();

    assertThat(described).startsWith("add 25 subjects: " + sub("mxp-00-system") + ", ")
        .contains(sub("mxp-09-system") + " and 15 more; ")
        .doesNotContain(sub("mxp-10-system"))
        .endsWith("trust the host-namespace pattern (opted in)");
  }

  @Test
  void subjectParsingFindsOnlyVectorSubjects() {
    assertThat(Subjects.hostNamespace(sub("mxp-a-system"), "vector")).contains("mxp-a-system");
    assertThat(Subjects.hostNamespace("system:serviceaccount:ns:other", "vector")).isEmpty();
    assertThat(Subjects.hostNamespace("system:serviceaccount:a:b:vector", "vector")).isEmpty();
    assertThat(Subjects.coveredByPattern("mxp-706c49fa-5bb8-4a7e-9f41-2fc38ef4b065-system")).isTrue();
    assertThat(Subjects.coveredByPattern("billing-custom")).isFalse();
  }
}
