package dev.billingidentity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of reading and writing policies over generated documents (our own seeded {@link PolicyGenerator}: a
 * failure names its seed and repeats). 400 seeds each.
 */
class PolicyDocumentPropertiesTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final String PREFIX = BillingPolicies.OWNED_SID_PREFIX;
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");

  static LongStream seeds() {
    return LongStream.range(0, 400);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void readingAndWritingIsLossless(long seed) throws Exception {
    ObjectNode tree = new PolicyGenerator(seed).document(false);
    String text = seed % 2 == 0 ? PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(tree)
        : PLAIN.writeValueAsString(tree);

    PolicyDocument doc = PolicyDocument.parse(text);
    PolicyDocument again = PolicyDocument.parse(doc.toJson());

    assertThat(doc.toJsonNode()).isEqualTo(tree);
    assertThat(again).isEqualTo(doc);
    assertThat(again.toJson()).as("toJson is stable").isEqualTo(doc.toJson());
    assertThat(doc.size()).isEqualTo(doc.toJson().length());
    assertThat(doc.isEquivalentTo(again)).isTrue();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void replacingOwnedStatementsNeverChangesForeignOnes(long seed) throws Exception {
    PolicyGenerator gen = new PolicyGenerator(seed);
    PolicyDocument doc = PolicyDocument.parse(PLAIN.writeValueAsString(gen.document(true)));
    List<Statement> owned = new ArrayList<>();
    for (int i = (int) (seed % 3); i > 0; i--) {
      owned.add(Statement.builder().sid(PREFIX + "Gen" + i).allow().action("sts:AssumeRole").build());
    }

    PolicyDocument after = doc.withOwnedStatements(PREFIX, owned);

    List<String> foreignBefore = doc.statements().stream().filter(s -> !s.hasSidPrefix(PREFIX))
        .map(Statement::toString).toList();
    List<String> foreignAfter = after.statements().stream().filter(s -> !s.hasSidPrefix(PREFIX))
        .map(Statement::toString).toList();
    assertThat(foreignAfter).as("foreign statements, byte for byte and in order").isEqualTo(foreignBefore);
    assertThat(after.statements().stream().filter(s -> s.hasSidPrefix(PREFIX)).toList()).isEqualTo(owned);
    ObjectNode topBefore = doc.toJsonNode();
    ObjectNode topAfter = after.toJsonNode();
    topBefore.remove("Statement");
    topAfter.remove("Statement");
    assertThat(topAfter).as("top-level elements kept").isEqualTo(topBefore);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void exactSubjectsAreNeverWildcards(long seed) {
    List<String> subjects = new PolicyGenerator(seed).hostNamespaces().stream()
        .map(ns -> BillingPolicies.subject(ns, "vector")).toList();

    Statement irsa = BillingPolicies.irsaStatement(ACCOUNT, ISSUER, subjects);

    assertThat(irsa.toString()).doesNotContain("*").doesNotContain("?").doesNotContain("StringLike");
    assertThat(BillingPolicies.irsaSubjects(PolicyDocument.of(irsa), ISSUER)).containsExactlyElementsOf(subjects);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void thePodIdentityTrustAlwaysCarriesTheConfusedDeputyConditions(long seed) {
    String account = String.format("%012d", Math.abs(seed * 7919) % 1_000_000_000_000L);
    String cluster = "arn:aws:eks:us-east-1:" + account + ":cluster/c" + seed;

    Statement trust = BillingPolicies.podIdentityStatement(AwsAccount.of(account, Partition.AWS), cluster);

    assertThat(trust.conditionValues("StringEquals", "aws:SourceAccount")).containsExactly(account);
    assertThat(trust.conditionValues("ArnEquals", "aws:SourceArn")).containsExactly(cluster);
  }
}
