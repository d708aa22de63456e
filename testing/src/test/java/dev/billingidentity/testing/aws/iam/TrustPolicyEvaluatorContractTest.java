package dev.billingidentity.testing.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.testing.contract.TrustEvaluationContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link TrustEvaluationContract} table, run on the evaluator itself; and what it reports it cannot model. */
class TrustPolicyEvaluatorContractTest extends TrustEvaluationContract {
  @Override
  protected boolean allows(String trustJson, TrustRequest request) {
    return TrustPolicyEvaluator.evaluate(trustJson, request).allowed();
  }

  @Test
  void theDecisionNamesTheStatementThatDecided() {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ci\",\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\"" + ACCOUNT + "\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Deny\",\"Principal\":\"*\","
        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}";
    TrustRequest withoutMfa = TrustRequest.aws("arn:aws:iam::" + ACCOUNT + ":role/ci", "sts:AssumeRole",
        RequestContext.builder().put("aws:MultiFactorAuthPresent", "false").build());

    assertThat(TrustPolicyEvaluator.evaluate(trust, withoutMfa))
        .isEqualTo(new Decision(Decision.Outcome.EXPLICIT_DENY, "#2", List.of()));
    assertThat(TrustPolicyEvaluator.evaluate(trust, withoutMfa.forAction("sts:TagSession")))
        .isEqualTo(new Decision(Decision.Outcome.IMPLICIT_DENY, "", List.of()));
    assertThat(TrustPolicyEvaluator.evaluate(trust, new TrustRequest(withoutMfa.principal(), "sts:AssumeRole",
        RequestContext.builder().put("aws:MultiFactorAuthPresent", "true").build())))
        .isEqualTo(new Decision(Decision.Outcome.ALLOWED, "Ci", List.of()));
  }

  @Test
  void anOperatorItDoesNotModelMatchesNothingAndIsReported() {
    List<String> notes = new ArrayList<>();
    RequestContext context = RequestContext.builder().put("aws:SourceIp", "192.0.2.1").build();

    assertThat(Conditions.holds("IpAddress", "aws:SourceIp", List.of("192.0.2.0/24"), context, notes)).isFalse();
    assertThat(notes).containsExactly("condition operator IpAddress is not modelled: it matches nothing");
  }

  @Test
  void wildcardsMatchRunsAndSingleCharactersAndNothingElse() {
    assertThat(Wildcards.matches("a*b?c", "axxxbyc", false)).isTrue();
    assertThat(Wildcards.matches("a*b?c", "abc", false)).isFalse();
    assertThat(Wildcards.matches("*", "", false)).isTrue();
    assertThat(Wildcards.matches("a.c", "abc", false)).as("no regular expression").isFalse();
    assertThat(Wildcards.matches("S3:List*", "s3:listbucket", true)).isTrue();
    assertThat(Wildcards.matches("S3:List*", "s3:listbucket", false)).isFalse();
  }

  @Test
  void permissionsAllowAnActionOnAResourceUnlessDenied() {
    String s3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],"
        + "\"Resource\":\"arn:aws:s3:::acme-billing\"},{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
        + "\"Resource\":\"arn:aws:s3:::acme-billing/*\"}]}";
    String deny = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
        + "\"NotResource\":\"arn:aws:s3:::acme-*\"}}";

    assertThat(PermissionPolicyEvaluator.evaluate(List.of(s3), "s3:ListBucket", "arn:aws:s3:::acme-billing",
        RequestContext.empty()).allowed()).isTrue();
    assertThat(PermissionPolicyEvaluator.evaluate(List.of(s3), "s3:ListBucket", "arn:aws:s3:::other",
        RequestContext.empty()).outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    assertThat(PermissionPolicyEvaluator.evaluate(List.of(s3, deny), "s3:ListBucket", "arn:aws:s3:::acme-billing",
        RequestContext.empty()).allowed()).isTrue();
    String everything = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
        + "\"Resource\":\"*\"}}";
    assertThat(PermissionPolicyEvaluator.evaluate(List.of(everything, deny), "s3:ListBucket", "arn:aws:s3:::other",
        RequestContext.empty()).outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
  }
}
