package dev.billingidentity.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.role.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The role's guardrails (permissions boundary, tags, session duration, description) are checked as IAM checks them,
 * before any I/O, and each problem names the field, the value and the rule.
 */
class GuardrailInputTest {
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");

  private static IamRole.Builder role() {
    return IamRole.builder().name("spaces-billing");
  }

  private static Arguments boundary(String value, String rule) {
    return Arguments.of("role.permissionsBoundary", value, rule,
        (Executable) () -> role().permissionsBoundary(value).build());
  }

  private static Arguments tag(String key, String value, String shownAs, String rule) {
    return Arguments.of("role.tags", shownAs, rule, (Executable) () -> role().putTags(key, value).build());
  }

  private static Arguments session(int seconds, String rule) {
    return Arguments.of("role.maxSessionDurationSeconds", String.valueOf(seconds), rule,
        (Executable) () -> role().maxSessionDurationSeconds(seconds).build());
  }

  private static Arguments description(String value, String rule) {
    return Arguments.of("role.description", value, rule, (Executable) () -> role().description(value).build());
  }

  static Stream<Arguments> invalid() {
    String policyArn = "an IAM managed policy ARN";
    String keyChars = "a tag key has only letters, digits, spaces and the characters _.:/=+-@";
    return Stream.of(
        boundary("DeveloperBoundary", policyArn),
        boundary("arn:aws:iam::123456789012:role/DeveloperBoundary", policyArn),
        boundary("arn:aws:iam::123456789012:policy/", policyArn),
        boundary("arn:aws:iam::12345678901:policy/DeveloperBoundary", policyArn),
        boundary("arn:aws-eu:iam::123456789012:policy/DeveloperBoundary", policyArn),
        boundary("arn:aws:iam::123456789012:policy/Developer Boundary", policyArn),
        boundary("arn:aws:iam::123456789012:policy/" + "p".repeat(129), policyArn),
        boundary("arn:aws:s3:::acme-billing", policyArn),
        tag("", "v", "", "a tag key has 1 to 128 characters"),
        tag("k".repeat(129), "v", "k".repeat(129), "a tag key has 1 to 128 characters"),
        tag("cost!center", "v", "cost!center", keyChars),
        tag("team\u20ac", "v", "team\u20ac", keyChars),
        tag("aws:cloudformation:stack-name", "v", "aws:cloudformation:stack-name",
            "tag keys beginning with 'aws:' are reserved for AWS"),
        tag("AWS:team", "v", "AWS:team", "tag keys beginning with 'aws:' are reserved for AWS"),
        tag(Ownership.TAG_KEY, "someone", Ownership.TAG_KEY, "is the library's own"),
        tag("Billing-Identity.dev/Managed-By", "x", "Billing-Identity.dev/Managed-By", "is the library's own"),
        tag(Ownership.CLUSTER_TAG_KEY, "other", Ownership.CLUSTER_TAG_KEY, "is the library's own"),
        tag("team", "v".repeat(257), "team=" + "v".repeat(257), "a tag value has at most 256 characters"),
        tag("team", "billing!", "team=billing!",
            "a tag value has only letters, digits, spaces and the characters _.:/=+-@"),
        session(3599, "3600 to 43200 seconds"),
        session(43_201, "3600 to 43200 seconds"),
        session(0, "3600 to 43200 seconds"),
        description("d".repeat(1001), "a role description has at most 1000 characters"),
        description("billing \u20ac", "only printable ASCII and Latin-1 characters"),
        description("bell \u0007", "only printable ASCII and Latin-1 characters"));
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("invalid")
  void namesTheFieldTheValueAndTheRule(String field, String value, String rule, Executable build) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, build::execute);

    assertThat(e).as("%s = %s is refused", field, value).isNotNull();
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.field()).isEqualTo(field);
      assertThat(p.value()).isEqualTo(value);
      assertThat(p.rule()).contains(rule);
    });
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.field()).isEqualTo(field));
  }

  @Test
  void fortyEightTagsFitBesideTheLibrarysTwoAndFortyNineDoNot() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < 48; i++) {
      tags.put("k" + i, "v");
    }
    assertThat(role().tags(tags).build().tags()).hasSize(48);
    tags.put("one-more", "v");

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> role().tags(tags).build());

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("role.tags");
      assertThat(p.value()).isEqualTo("49 tags");
      assertThat(p.rule()).contains("at most 50 tags: at most 48 of yours").contains(Ownership.TAG_KEY)
          .contains(Ownership.CLUSTER_TAG_KEY);
    });
  }

  @Test
  void twoKeysThatDifferOnlyInCaseAreOneKeyToIam() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> role().putTags("Team", "a").putTags("team", "b").build());

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.rule())
        .isEqualTo("IAM tag keys are not case sensitive: 'Team' and 'team' are the same key"));
  }

  @Test
  void everyGuardrailProblemOfOneRoleIsListedAtOnce() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> IamRole.builder()
        .name("spaces billing")
        .permissionsBoundary("arn:aws:iam::123456789012:role/x")
        .putTags("aws:team", "a")
        .putTags(Ownership.TAG_KEY, "mine")
        .maxSessionDurationSeconds(60)
        .description("d".repeat(1001))
        .build());

    assertThat(e.problems()).extracting(Problem::field, Problem::value).containsExactly(
        tuple("role.name", "spaces billing"),
        tuple("role.permissionsBoundary", "arn:aws:iam::123456789012:role/x"),
        tuple("role.tags", "aws:team"),
        tuple("role.tags", Ownership.TAG_KEY),
        tuple("role.maxSessionDurationSeconds", "60"),
        tuple("role.description", "d".repeat(1001)));
  }

  @Test
  void aBoundaryInAnotherPartitionThanTheBucketsIsRefusedWithTheSettingsOtherProblems() {
    IamRole role = role().permissionsBoundary("arn:aws:iam::123456789012:policy/DeveloperBoundary").build();

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> PodIdentitySettings.builder()
        .cluster("spaces prod").role(role).storage(BillingStorage.s3("cn-north-1", "acme-billing")).build());

    assertThat(e.problems()).extracting(Problem::field, Problem::value).containsExactly(
        tuple("cluster", "spaces prod"),
        tuple("role.permissionsBoundary", "arn:aws:iam::123456789012:policy/DeveloperBoundary"));
    assertThat(e.problems().get(1).rule()).contains("partition").contains("aws-cn");
  }

  @Test
  void validGuardrailsPass() {
    IamRole role = role()
        .permissionsBoundary("arn:aws:iam::123456789012:policy/boundaries/Developer+Boundary=1,2.3@x_y-z")
        .putTags("cost center", "42").putTags("team", "").putTags("k".repeat(128), "v".repeat(256))
        .putTags("Équipe:paiement/été", "Zürich =+-@_.:/ 1")
        .maxSessionDurationSeconds(43_200)
        .description("Billing (vector) of Upbound Spaces; owner: platform-team@example.com\twith é and \u00ff\n")
        .build();

    assertThat(role.tags()).hasSize(4);
    assertThat(IamRole.builder().from(role).maxSessionDurationSeconds(3600).description("").build().description())
        .contains("");
    assertThat(role().permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess").build().permissionsBoundary())
        .contains("arn:aws:iam::aws:policy/PowerUserAccess");
    assertThat(IrsaSettings.builder().cluster("spaces-prod").storage(BillingStorage.s3("us-gov-west-1", "b-1"))
        .role(role().permissionsBoundary("arn:aws-us-gov:iam::123456789012:policy/B").build()).build()
        .role().permissionsBoundary()).contains("arn:aws-us-gov:iam::123456789012:policy/B");
    assertThat(IrsaSettings.builder().cluster("spaces-prod").storage(STORAGE).role(role).build()
        .repairPermissionsBoundary()).isFalse();
  }
}
