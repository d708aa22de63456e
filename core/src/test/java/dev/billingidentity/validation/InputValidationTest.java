package dev.billingidentity.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.ControlPlanes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input is checked before any I/O, and every problem says which field, which value and which rule: the
 * catalogue of invalid values below covers each field the library takes.
 */
class InputValidationTest {
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  private static final IamRole ROLE = IamRole.named("spaces-billing");

  private static IrsaSettings.Builder irsa() {
    return IrsaSettings.builder().cluster("spaces-prod").role(ROLE).storage(STORAGE);
  }

  /** Valid settings given as raw values, as a configuration file holds them. */
  private static IrsaSettings.Builder raw() {
    return IrsaSettings.builder().cluster("spaces-prod").roleName("spaces-billing").bucket("acme-billing")
        .region("us-east-1");
  }

  private static Arguments rawValue(String field, String value, String rule, Executable build) {
    return Arguments.of(field, value, rule, build);
  }

  private static Executable roleArn(String arn) {
    return () -> {
      Problems p = new Problems();
      InputRules.roleArn(p, "roleArn", arn);
      p.throwIfAny();
    };
  }

  private static Arguments bucket(String value, String rule) {
    return Arguments.of("storage.bucket", value, rule, (Executable) () -> BillingStorage.s3("us-east-1", value));
  }

  private static Arguments region(String value, String rule) {
    return Arguments.of("storage.region", value, rule, (Executable) () -> BillingStorage.s3(value, "acme-billing"));
  }

  private static Arguments account(String value, String rule) {
    return Arguments.of("account.id", value, rule, (Executable) () -> AwsAccount.of(value, Partition.AWS));
  }

  private static Arguments roleName(String value, String rule) {
    return Arguments.of("role.name", value, rule, (Executable) () -> IamRole.named(value));
  }

  private static Arguments rolePath(String value, String rule) {
    return Arguments.of("role.path", value, rule,
        (Executable) () -> IamRole.builder().name("spaces-billing").path(value).build());
  }

  private static Arguments hostNamespace(String value, String rule) {
    return Arguments.of("controlPlanes.hostNamespace", value, rule,
        (Executable) () -> ControlPlanes.hostNamespaces(value));
  }

  private static Arguments issuer(String value, String rule) {
    return Arguments.of("oidcIssuer", value, rule, (Executable) () -> OidcIssuer.of(value));
  }

  private static Arguments cluster(String value, String rule) {
    return Arguments.of("cluster", value, rule, (Executable) () -> irsa().cluster(value).build());
  }

  private static Arguments controlPlaneName(String value, String rule) {
    return Arguments.of("controlPlane.name", value, rule,
        (Executable) () -> ControlPlane.provisioned("default", value, "mxp-a-system"));
  }

  static Stream<Arguments> invalid() {
    String long64 = "a".repeat(64);
    return Stream.of(
        bucket("Acme-Billing", "only lowercase letters, digits, dots and hyphens"),
        bucket("acme_billing", "only lowercase letters, digits, dots and hyphens"),
        bucket("ab", "3 to 63 characters"),
        bucket(long64, "3 to 63 characters"),
        bucket("192.168.5.4", "not formatted as an IP address"),
        bucket("xn--acme-billing", "does not start with 'xn--'"),
        bucket("sthree-acme", "does not start with 'sthree-'"),
        bucket("acme-billing-s3alias", "does not end with '-s3alias'"),
        bucket("acme-billing--ol-s3", "does not end with '--ol-s3'"),
        bucket("acme..billing", "no two adjacent dots"),
        bucket("-acme-billing", "begins and ends with a letter or digit"),
        bucket("acme-billing.", "begins and ends with a letter or digit"),
        bucket("", "is required"),
        region("US-EAST-1", "an AWS region code looks like"),
        region("us-east", "an AWS region code looks like"),
        region("useast1", "an AWS region code looks like"),
        region("us-east-1a", "an AWS region code looks like"),
        region("us-east-0", "an AWS region code looks like"),
        region("", "is required"),
        account("12345678901", "exactly 12 digits"),
        account("1234567890123", "exactly 12 digits"),
        account("12345678901a", "exactly 12 digits"),
        account("", "exactly 12 digits"),
        roleName("r".repeat(65), "at most 64 characters"),
        roleName("spaces billing", "only letters, digits and the characters +=,.@_-"),
        roleName("spaces/billing", "only letters, digits and the characters +=,.@_-"),
        roleName("", "is required"),
        rolePath("billing/", "begins and ends with '/'"),
        rolePath("/billing", "begins and ends with '/'"),
        rolePath("/a//b/", "no empty segment ('//')"),
        rolePath("/" + "p".repeat(511) + "/", "at most 512 characters"),
        rolePath("/a b/", "without spaces"),
        hostNamespace("MXP-A-SYSTEM", "DNS-1123 label"),
        hostNamespace("m".repeat(64), "at most 63 characters"),
        hostNamespace("-mxp-a-system", "beginning and ending with a letter or digit"),
        hostNamespace("mxp_a_system", "DNS-1123 label"),
        issuer("http://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE", "starts with 'https://'"),
        issuer("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE/", "does not end with '/'"),
        issuer("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE?x=1", "no query, fragment or user info"),
        issuer("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE#top", "no query, fragment or user info"),
        issuer("https:///id/EXAMPLE", "has a host"),
        issuer("oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE", "starts with 'https://'"),
        issuer("not a url at all", "is a valid URL"),
        cluster("-spaces-prod", "begins with a letter or digit"),
        cluster("spaces prod", "only letters, digits, '-' and '_'"),
        cluster("spaces.prod", "only letters, digits, '-' and '_'"),
        cluster("c".repeat(101), "at most 100 characters"),
        cluster("", "is required"),
        controlPlaneName("Prod_Control_Plane", "DNS-1123 subdomain"),
        controlPlaneName("ctp-", "DNS-1123 subdomain"),
        Arguments.of("controlPlane.group", "Default", "DNS-1123 label",
            (Executable) () -> ControlPlane.provisioned("Default", "ctp", "mxp-a-system")),
        Arguments.of("controlPlane.hostNamespace", "mxp.a.system", "DNS-1123 label",
            (Executable) () -> ControlPlane.provisioned("default", "ctp", "mxp.a.system")),
        Arguments.of("trustPolicyQuota", "1024", "between 2048 (AWS's default) and 8192 (AWS's maximum)",
            (Executable) () -> irsa().trustPolicyQuota(1024).build()),
        Arguments.of("trustPolicyQuota", "2047", "between 2048", (Executable) () -> irsa().trustPolicyQuota(2047).build()),
        Arguments.of("trustPolicyQuota", "8193", "and 8192", (Executable) () -> irsa().trustPolicyQuota(8193).build()),
        Arguments.of("oidcThumbprints", "abc123", "40 hex characters",
            (Executable) () -> irsa().addOidcThumbprints("abc123").build()),
        Arguments.of("oidcThumbprints", "g".repeat(40), "40 hex characters",
            (Executable) () -> irsa().addOidcThumbprints("g".repeat(40)).build()),
        Arguments.of("serviceAccount", "Vector", "DNS-1123 subdomain",
            (Executable) () -> irsa().serviceAccount("Vector").build()),
        Arguments.of("permissionPolicyName", "billing s3", "an IAM policy name",
            (Executable) () -> irsa().permissionPolicyName("billing s3").build()),
        Arguments.of("account.partition", "aws-cn", "matches the bucket region's partition (aws)",
            (Executable) () -> PodIdentitySettings.builder().cluster("spaces-prod").role(ROLE).storage(STORAGE)
                .account(AwsAccount.of("123456789012", Partition.AWS_CN)).build()),
        Arguments.of("roleArn", "arn:aws:iam::12345:role/spaces-billing", "an IAM role ARN looks like",
            roleArn("arn:aws:iam::12345:role/spaces-billing")),
        Arguments.of("roleArn", "arn:aws:s3:::acme-billing", "an IAM role ARN looks like",
            roleArn("arn:aws:s3:::acme-billing")),
        Arguments.of("roleArn", "arn:aws-iso:iam::123456789012:role/x", "partition aws, aws-cn or aws-us-gov",
            roleArn("arn:aws-iso:iam::123456789012:role/x")),
        Arguments.of("roleArn", "arn:aws:iam::123456789012:user/spaces-billing", "an IAM role ARN looks like",
            roleArn("arn:aws:iam::123456789012:user/spaces-billing")),
        Arguments.of("roleArn", "arn:aws:iam::123456789012:role/", "an IAM role ARN looks like",
            roleArn("arn:aws:iam::123456789012:role/")),
        Arguments.of("roleArn", "spaces-billing", "an IAM role ARN looks like", roleArn("spaces-billing")),
        rawValue("role.name", "spaces billing", "only letters, digits", () -> raw().roleName("spaces billing").build()),
        rawValue("role.path", "billing/", "begins and ends with '/'", () -> raw().rolePath("billing/").build()),
        rawValue("storage.bucket", "Acme_Billing", "only lowercase letters", () -> raw().bucket("Acme_Billing").build()),
        rawValue("storage.region", "us-east", "an AWS region code looks like", () -> raw().region("us-east").build()),
        rawValue("account.id", "12345", "exactly 12 digits", () -> raw().accountId("12345").build()),
        rawValue("oidcIssuer", "http://x", "starts with 'https://'", () -> raw().oidcIssuerUrl("http://x").build()));
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
    assertThat(e.getMessage()).contains("'" + field + "'").contains('"' + value + '"').contains(rule);
  }

  @Test
  void theCatalogueCoversEveryFieldWithAtLeastFortyValues() {
    List<String> fields = invalid().map(a -> (String) a.get()[0]).distinct().toList();

    assertThat(invalid().count()).isGreaterThanOrEqualTo(40);
    assertThat(fields).contains("storage.bucket", "storage.region", "account.id", "role.name", "role.path",
        "controlPlanes.hostNamespace", "oidcIssuer", "cluster", "controlPlane.name", "trustPolicyQuota",
        "oidcThumbprints", "roleArn");
  }

  @Test
  void oneValueWithSeveralProblemsListsThemAll() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> BillingStorage.s3("US-EAST-1", "-Acme..Billing-s3alias"));

    assertThat(e.problems()).extracting(Problem::field, Problem::rule).containsExactly(
        tuple("storage.region",
            "an AWS region code looks like 'us-east-1', 'cn-north-1' or 'us-gov-west-1'"),
        tuple("storage.bucket",
            "an S3 bucket name has only lowercase letters, digits, dots and hyphens, and begins and ends with a letter or digit"),
        tuple("storage.bucket", "an S3 bucket name has no two adjacent dots"),
        tuple("storage.bucket", "an S3 bucket name does not end with '-s3alias'"));
    assertThat(e.getMessage()).startsWith("invalid input (4 problems):\n  - field 'storage.region' = \"US-EAST-1\": ");
  }

  @Test
  void oneSettingsObjectWithSeveralBadValuesListsEveryProblemAtOnce() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> IrsaSettings.builder()
        .cluster("spaces prod")
        .role(ROLE)
        .storage(BillingStorage.s3("cn-north-1", "acme-billing"))
        .account(AwsAccount.of("123456789012", Partition.AWS))
        .serviceAccount("Vector")
        .permissionPolicyName("")
        .trustPolicyQuota(100)
        .addOidcThumbprints("9e99a48a9960b14926bb7f3b02e22da2b0ab7280", "not-a-thumbprint")
        .build());

    assertThat(e.problems()).extracting(Problem::field).containsExactly(
        "cluster", "serviceAccount", "permissionPolicyName", "account.partition", "trustPolicyQuota", "oidcThumbprints");
    assertThat(e.problems()).extracting(Problem::value).containsExactly(
        "spaces prod", "Vector", "", "aws", "100", "not-a-thumbprint");
    assertThat(e.getMessage()).startsWith("invalid input (6 problems):");
    assertThat(e.getMessage().lines().skip(1)).hasSize(6).allSatisfy(l -> assertThat(l).startsWith("  - field '"));
  }

  @Test
  void aSettingsBuildFromRawValuesListsTheProblemsOfEveryValueTogether() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> IrsaSettings.builder()
        .cluster("spaces prod")
        .roleName("a/b")
        .bucket("Bad_Bucket").region("us-east-1")
        .accountId("12345")
        .oidcIssuerUrl("http://x")
        .trustPolicyQuota(100)
        .build());

    assertThat(e.problems()).extracting(Problem::field, Problem::value).containsExactly(
        tuple("cluster", "spaces prod"), tuple("role.name", "a/b"), tuple("storage.bucket", "Bad_Bucket"),
        tuple("account.id", "12345"), tuple("trustPolicyQuota", "100"), tuple("oidcIssuer", "http://x"));
    assertThat(e.getMessage()).startsWith("invalid input (6 problems):");
  }

  @Test
  void aBadRegionDoesNotHideTheAccountIdsProblemNorTheOthers() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> PodIdentitySettings.builder()
        .cluster("-prod")
        .roleName("r".repeat(65))
        .rolePath("/a//b/")
        .bucket("acme-billing").region("mars-1")
        .accountId("12345678901a")
        .serviceAccount("Vector")
        .build());

    assertThat(e.problems()).extracting(Problem::field).containsExactly(
        "cluster", "role.name", "role.path", "storage.region", "account.id", "serviceAccount");
  }

  @Test
  void missingRequiredValuesAreProblemsOfTheBuildNotAnIllegalState() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> PodIdentitySettings.builder().bucket("acme-billing").build());

    assertThat(e.problems()).extracting(Problem::field, Problem::value, Problem::rule).containsExactly(
        tuple("cluster", null, "is required"), tuple("role.name", null, "is required"),
        tuple("storage.region", null, "is required"));
  }

  @Test
  void aValueGivenBothAsAValueAndAsRawValuesIsAProblem() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> IrsaSettings.builder()
        .cluster("spaces-prod")
        .role(ROLE).roleName("other")
        .storage(STORAGE).bucket("other-bucket")
        .account(AwsAccount.of("123456789012", Partition.AWS)).accountId("210987654321")
        .oidcIssuer(OidcIssuer.of("https://oidc.example.com/id/A")).oidcIssuerUrl("https://oidc.example.com/id/B")
        .build());

    assertThat(e.problems()).extracting(Problem::field).containsExactly("role", "storage", "account", "oidcIssuer");
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.rule()).endsWith(", not both"));
  }

  @Test
  void rawValuesMakeTheSameSettingsAsValuesWithTheAccountInTheRegionsPartition() {
    String issuer = "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE";
    IrsaSettings fromValues = IrsaSettings.builder().cluster("spaces-prod")
        .role(IamRole.builder().name("spaces-billing").path("/billing/").build())
        .storage(BillingStorage.s3("cn-north-1", "acme-billing"))
        .account(AwsAccount.of("123456789012", Partition.AWS_CN))
        .oidcIssuer(OidcIssuer.of(issuer))
        .build();

    IrsaSettings fromRaw = IrsaSettings.builder().cluster("spaces-prod").roleName("spaces-billing")
        .rolePath("/billing/").bucket("acme-billing").region("cn-north-1").accountId("123456789012")
        .oidcIssuerUrl(issuer).build();

    assertThat(fromRaw).isEqualTo(fromValues);
    assertThat(fromRaw.account()).hasValueSatisfying(a -> assertThat(a.partition()).isEqualTo(Partition.AWS_CN));
    assertThat(IrsaSettings.builder().cluster("c").roleName("r").bucket("acme-billing").region("us-east-1")
        .accountId(null).oidcIssuerUrl(null).build()).satisfies(s -> {
          assertThat(s.account()).isEmpty();
          assertThat(s.oidcIssuer()).isEmpty();
          assertThat(s.role().path()).isEqualTo("/");
          assertThat(s.trustPolicyQuota()).isEqualTo(2048);
          assertThat(s.serviceAccount()).isEqualTo("vector");
          assertThat(s.permissionPolicyName()).isEqualTo("billing-identity-s3");
          assertThat(s.prune()).isTrue();
          assertThat(s.adoptExistingRole()).isFalse();
          assertThat(s.createOidcProvider()).isTrue();
          assertThat(s.allowHostNamespacePattern()).isFalse();
        });
  }

  @Test
  void problemsAttemptAggregatesEveryValuesProblemsBeforeThrowing() {
    Problems problems = new Problems();

    BillingStorage storage = problems.attempt(() -> BillingStorage.s3("us-east-1", "Acme"));
    IamRole role = problems.attempt(() -> IamRole.builder().name("spaces billing").path("billing").build());
    AwsAccount account = problems.attempt(() -> AwsAccount.of("123", Partition.AWS));
    OidcIssuer issuer = problems.attempt(
        () -> OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"));

    assertThat(storage).isNull();
    assertThat(role).isNull();
    assertThat(account).isNull();
    assertThat(issuer).isNotNull();
    assertThat(problems.isEmpty()).isFalse();
    assertThat(problems.asList()).extracting(Problem::field)
        .containsExactly("storage.bucket", "role.name", "role.path", "account.id");
    assertThatThrownBy(problems::throwIfAny)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).hasSize(4))
        .hasMessageContaining("\"Acme\"").hasMessageContaining("\"spaces billing\"")
        .hasMessageContaining("\"billing\"").hasMessageContaining("\"123\"");
  }

  @Test
  void problemsWithNothingFoundDoNotThrow() {
    Problems problems = new Problems();
    problems.attempt(() -> BillingStorage.s3("us-east-1", "acme-billing"));

    assertThat(problems.isEmpty()).isTrue();
    assertThatCode(problems::throwIfAny).doesNotThrowAnyException();
  }

  @Test
  void validValuesPass() {
    assertThat(BillingStorage.s3("us-gov-west-1", "acme-billing").partition()).isEqualTo(Partition.AWS_US_GOV);
    assertThat(BillingStorage.s3("cn-northwest-1", "acme-billing").partition()).isEqualTo(Partition.AWS_CN);
    assertThat(BillingStorage.s3("cn-north-1", "acme-billing").partition()).isEqualTo(Partition.AWS_CN);
    assertThat(BillingStorage.s3("ap-southeast-5", "b".repeat(63)).bucket()).hasSize(63);
    assertThat(BillingStorage.s3("eu-central-1", "acme.billing.2024").bucket()).isEqualTo("acme.billing.2024");
    assertThat(BillingStorage.s3("il-central-1", "abc").bucket()).isEqualTo("abc");
    assertThat(IamRole.builder().name("spaces-billing").path("/a/b/").build().path()).isEqualTo("/a/b/");
    assertThat(IamRole.builder().name("s".repeat(64)).path("/" + "p".repeat(510) + "/").build().name()).hasSize(64);
    assertThat(IamRole.named("Spaces+Billing=1,2.3@x_y-z").path()).isEqualTo("/");
    assertThat(AwsAccount.of("000000000000", Partition.AWS).id()).isEqualTo("000000000000");
    assertThat(OidcIssuer.of("https://oidc.eks.us-gov-west-1.amazonaws.com/id/EXAMPLE").hostPath())
        .isEqualTo("oidc.eks.us-gov-west-1.amazonaws.com/id/EXAMPLE");
    assertThat(ControlPlanes.hostNamespaces("n".repeat(63), "mxp-706c49fa-5bb8-4a7e-9f41-2fc38ef4b065-system",
        "0cp").explicitHostNamespaces()).hasSize(3);
    assertThat(ControlPlane.provisioned("default", "ctp.prod-1", "mxp-a-system").displayName())
        .isEqualTo("default/ctp.prod-1");
    assertThat(irsa().cluster("Spaces_Prod-2").trustPolicyQuota(2048).build().trustPolicyQuota()).isEqualTo(2048);
    assertThat(irsa().trustPolicyQuota(8192).addOidcThumbprints("9E99A48A9960B14926BB7F3B02E22DA2B0AB7280").build()
        .oidcThumbprints()).hasSize(1);
    for (String arn : List.of("arn:aws:iam::123456789012:role/spaces-billing",
        "arn:aws-cn:iam::123456789012:role/a/b/spaces-billing", "arn:aws-us-gov:iam::123456789012:role/x")) {
      Problems p = new Problems();
      assertThat(InputRules.roleArn(p, "roleArn", arn)).as(arn).isTrue();
      assertThat(p.isEmpty()).isTrue();
    }
  }

  @Test
  void aProblemRendersFieldValueAndRule() {
    assertThat(new Problem("storage.bucket", "My_Bucket", "must be lowercase"))
        .hasToString("field 'storage.bucket' = \"My_Bucket\": must be lowercase");
    assertThat(new Problem("controlPlane.hostNamespace", null, "is required"))
        .hasToString("field 'controlPlane.hostNamespace' = null: is required");
    assertThatThrownBy(() -> new InvalidInputException(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
