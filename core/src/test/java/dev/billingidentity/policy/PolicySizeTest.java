package dev.billingidentity.policy;

import static dev.billingidentity.TestResources.minify;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.TestResources;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PolicyDocument#size()}: the length IAM counts against its quotas, and how many control planes fit. */
class PolicySizeTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");

  @ParameterizedTest
  @ValueSource(strings = {"policy/foreign-trust-policy.json", "guide/irsa-s3-permission-policy.json",
      "guide/irsa-trust-policy-one-control-plane.json", "guide/pod-identity-s3-permission-policy.json"})
  void isTheLengthOfTheMinifiedDocumentWhateverTheInputsWhiteSpace(String path) {
    String pretty = TestResources.text(path);
    PolicyDocument fromPretty = PolicyDocument.parse(pretty);
    PolicyDocument fromMinified = PolicyDocument.parse(minify(pretty));
    PolicyDocument fromReprinted = PolicyDocument.parse(fromPretty.toPrettyJson());

    assertThat(fromPretty.size()).isEqualTo(minify(pretty).length()).isEqualTo(fromPretty.toJson().length());
    assertThat(fromMinified.size()).isEqualTo(fromPretty.size());
    assertThat(fromReprinted.size()).isEqualTo(fromPretty.size());
    assertThat(fromPretty.size()).isLessThan(pretty.length());
  }

  @Test
  void countsWhiteSpaceInsideStrings() {
    PolicyDocument spaced = PolicyDocument.parse("{ \"Statement\" : [ { \"Sid\" : \"a b\" } ] }");

    assertThat(spaced.toJson()).isEqualTo("{\"Statement\":[{\"Sid\":\"a b\"}]}");
    assertThat(spaced.size()).isEqualTo(29);
  }

  private static String subject(int controlPlane) {
    String id = UUID.nameUUIDFromBytes(("control-plane-" + controlPlane).getBytes(UTF_8)).toString();
    return BillingPolicies.subject("mxp-" + id + "-system", "vector");
  }

  private static PolicyDocument trustWith(int subjects) {
    List<String> list = new ArrayList<>();
    for (int i = 1; i <= subjects; i++) {
      list.add(subject(i));
    }
    return PolicyDocument.of(BillingPolicies.irsaStatement(ACCOUNT, ISSUER, list));
  }

  private static int mostSubjectsUnder(int quota) {
    int n = 1;
    while (trustWith(n + 1).size() <= quota) {
      n++;
    }
    return n;
  }

  @Test
  void aDefaultHostNamespaceSubjectIs76CharactersAndCosts79InTheCompactForm() {
    assertThat(subject(1)).hasSize(76).matches("system:serviceaccount:mxp-[0-9a-f-]{36}-system:vector");
    for (int n = 2; n < 25; n++) {
      assertThat(trustWith(n + 1).size() - trustWith(n).size()).as("subject %d", n + 1).isEqualTo(79);
    }
  }

  @Test
  void twentyControlPlanesFitTheDefaultQuotaOf2048AndTheTwentyFirstDoesNot() {
    assertThat(trustWith(20).size()).isEqualTo(2046).isLessThanOrEqualTo(2048);
    assertThat(trustWith(21).size()).isEqualTo(2125).isGreaterThan(2048);
    assertThat(mostSubjectsUnder(2048)).isEqualTo(20);
  }

  @ParameterizedTest(name = "quota {0}: {1} control planes")
  @CsvSource({"2048, 20", "4096, 45", "8192, 97"})
  void controlPlanesThatFitARaisedQuota(int quota, int expected) {
    assertThat(mostSubjectsUnder(quota)).isEqualTo(expected);
    assertThat(trustWith(expected).size()).isLessThanOrEqualTo(quota);
    assertThat(trustWith(expected + 1).size()).isGreaterThan(quota);
  }
}
