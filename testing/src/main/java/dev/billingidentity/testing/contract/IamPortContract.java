package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.EntityAlreadyExistsException;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.MalformedPolicyDocumentException;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IamPort} must do, as IAM does it: the role lifecycle, trust policies that come back decoded and
 * unchanged whatever characters they hold, tags, the guardrails (permissions boundary, session duration,
 * description), inline policies, OIDC providers, and IAM's errors with their codes and statuses. Extend it with the
 * port under test: the in-memory fake, the SDK adapter against the fake AWS server, or the SDK adapter against moto (every test here passes on moto 5.2.1; what moto does not model is in
 * {@link IamValidationContract}, {@link IamQuotaContract} and {@link TrustPolicyQuotaContract}).
 *
 * <p>Tests use role names of their own, so the kit may share one account between tests.
 */
public abstract class IamPortContract {
  /** The port under test; may be called many times per test. */
  protected abstract IamPort iam();

  /** A trust policy with characters that URL encoding changes ({@code + / % : " space}), as a round-trip check. */
  protected static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ci\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
      + "{\"aws:PrincipalTag/team\":\"a+b c/d%e:f\"}}}]}";
  /** An inline permission policy. */
  protected static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::acme-billing/*\"}]}";

  /** A role name no other test uses. */
  protected static String uniqueRole() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An EKS-like issuer URL no other test uses. */
  protected static String uniqueIssuer() {
    return "https://oidc.eks.us-east-1.amazonaws.com/id/" + UUID.randomUUID().toString().replace("-", "")
        .toUpperCase(Locale.ROOT);
  }

  private RoleInfo create(String name) {
    return iam().createRole(new NewRole(name, "/", TRUST, "contract test", Map.of("team", "billing")));
  }

  private static void assertAwsError(ThrowingCallable call, Class<? extends AwsServiceException> type, String code,
      int status) {
    assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> {
      AwsServiceException aws = (AwsServiceException) e;
      assertThat(aws.errorCode()).isEqualTo(code);
      assertThat(aws.statusCode()).isEqualTo(status);
    });
  }

  // ---------------------------------------------------------------- roles

  @Test
  void aRoleThatDoesNotExistIsEmpty() {
    assertThat(iam().findRole(uniqueRole())).isEmpty();
  }

  @Test
  void aCreatedRoleComesBackWithItsTrustDecodedAndItsTags() {
    String name = uniqueRole();
    RoleInfo created = create(name);

    RoleInfo found = iam().findRole(name).orElseThrow();

    assertThat(created.arn()).endsWith(":role/" + name).startsWith("arn:aws");
    assertThat(found.arn()).isEqualTo(created.arn());
    assertThat(found.path()).isEqualTo("/");
    assertThat(PolicyDocument.parse(found.trustPolicyJson())).isEqualTo(PolicyDocument.parse(TRUST));
    assertThat(found.tags()).containsEntry("team", "billing");
  }

  @Test
  void aRoleIsCreatedUnderItsPathWhichItsArnNames() {
    String name = uniqueRole();

    RoleInfo created = iam().createRole(new NewRole(name, "/billing/", TRUST, "with a path", Map.of()));

    assertThat(created.arn()).endsWith(":role/billing/" + name);
    assertThat(iam().findRole(name)).hasValueSatisfying(r -> {
      assertThat(r.path()).isEqualTo("/billing/");
      assertThat(r.arn()).isEqualTo(created.arn());
    });
  }

  @Test
  void creatingARoleTwiceFailsWithEntityAlreadyExists() {
    String name = uniqueRole();
    create(name);

    assertAwsError(() -> create(name), EntityAlreadyExistsException.class, "EntityAlreadyExists", 409);
  }

  @Test
  void theTrustPolicyIsReplacedAsWritten() {
    String name = uniqueRole();
    create(name);
    String other = TRUST.replace("a+b c/d%e:f", "x=y&z");

    iam().updateTrustPolicy(name, other);

    assertThat(PolicyDocument.parse(iam().findRole(name).orElseThrow().trustPolicyJson()))
        .isEqualTo(PolicyDocument.parse(other));
  }

  @Test
  void aTrustPolicyComesBackDecodedWhateverCharactersItHolds() {
    String name = uniqueRole();
    create(name);
    // Everything URL encoding, XML and JSON escape: reserved characters, a quote, a backslash, a Latin-1 letter.
    String special = TRUST.replace("a+b c/d%e:f", "%25 %2B + & = ? # < > ' \\\" \\\\ é ~ * ;");

    iam().updateTrustPolicy(name, special);

    PolicyDocument back = PolicyDocument.parse(iam().findRole(name).orElseThrow().trustPolicyJson());
    assertThat(back).isEqualTo(PolicyDocument.parse(special));
    assertThat(back.statements().get(0).conditionValues("StringEquals", "aws:PrincipalTag/team"))
        .containsExactly("%25 %2B + & = ? # < > ' \" \\ é ~ * ;");
  }

  @Test
  void everyCallOnARoleThatDoesNotExistIsNoSuchEntity() {
    String missing = uniqueRole();

    assertAwsError(() -> iam().updateTrustPolicy(missing, TRUST), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().tagRole(missing, Map.of("a", "b")), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().deleteRole(missing), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().listRolePolicyNames(missing), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().putRolePolicy(missing, "p", POLICY), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().deleteRolePolicy(missing, "p"), NoSuchEntityException.class, "NoSuchEntity", 404);
  }

  @Test
  void aMalformedTrustPolicyIsRefused() {
    String name = uniqueRole();
    create(name);

    assertAwsError(() -> iam().updateTrustPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":"),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400);
    assertThat(PolicyDocument.parse(iam().findRole(name).orElseThrow().trustPolicyJson()))
        .isEqualTo(PolicyDocument.parse(TRUST));
  }

  @Test
  void aTrustPolicyThatBreaksIamsGrammarIsRefused() {
    String name = uniqueRole();
    create(name);
    String statement = "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
        + "\"Action\":\"sts:AssumeRole\"}";

    assertAwsError(() -> iam().updateTrustPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
            + "\"Resource\":\"*\"}]}"),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400);
    assertAwsError(() -> iam().updateTrustPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement
            + "," + statement + "]}"),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400);
    assertAwsError(() -> iam().updateTrustPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}}]}"),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400);
  }

  // ---------------------------------------------------------------- tags

  @Test
  void tagsAreAddedToARole() {
    String name = uniqueRole();
    create(name);

    iam().tagRole(name, Map.of("billing-identity.dev/managed-by", "billing-identity"));

    assertThat(iam().findRole(name).orElseThrow().tags())
        .containsEntry("team", "billing").containsEntry("billing-identity.dev/managed-by", "billing-identity");
  }

  @Test
  void taggingAKeyAgainReplacesItsValue() {
    String name = uniqueRole();
    create(name);

    iam().tagRole(name, Map.of("team", "platform"));

    assertThat(iam().findRole(name).orElseThrow().tags()).containsEntry("team", "platform").hasSize(1);
  }

  @Test
  void moreThanFiftyTagsInOneCallAreRefused() {
    String name = uniqueRole();
    create(name);
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < 51; i++) {
      tags.put("k" + i, "v");
    }

    assertThatThrownBy(() -> iam().tagRole(name, tags)).isInstanceOf(InvalidParameterException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
  }

  // ---------------------------------------------------------------- guardrails: boundary, session, description

  /** A customer managed policy ARN in the account of {@code roleArn}, for a permissions boundary. */
  protected static String boundaryIn(String roleArn, String policyName) {
    String[] parts = roleArn.split(":");
    return "arn:" + parts[1] + ":iam::" + parts[4] + ":policy/" + policyName;
  }

  @Test
  void aRoleIsCreatedWithItsPermissionsBoundaryTagsSessionDurationAndDescription() {
    String name = uniqueRole();
    String probe = iam().createRole(new NewRole(uniqueRole(), "/", TRUST, "probe", Map.of())).arn();
    String boundary = boundaryIn(probe, "DeveloperBoundary");

    RoleInfo created = iam().createRole(new NewRole(name, "/", TRUST, "billing of Spaces, managed",
        Map.of("team", "billing", "cost-center", "42"), Optional.of(boundary), OptionalInt.of(7200)));

    assertThat(created.permissionsBoundary()).contains(boundary);
    RoleInfo found = iam().findRole(name).orElseThrow();
    assertThat(found.permissionsBoundary()).contains(boundary);
    assertThat(found.maxSessionDurationSeconds()).isEqualTo(7200);
    assertThat(found.description()).contains("billing of Spaces, managed");
    assertThat(found.tags()).containsEntry("team", "billing").containsEntry("cost-center", "42");
  }

  @Test
  void aRoleCreatedWithoutGuardrailsHasNoBoundaryAndIamsDefaultSessionDuration() {
    String name = uniqueRole();
    iam().createRole(new NewRole(name, "/", TRUST, null, Map.of()));

    RoleInfo found = iam().findRole(name).orElseThrow();

    assertThat(found.permissionsBoundary()).isEmpty();
    assertThat(found.maxSessionDurationSeconds()).isEqualTo(3600);
    assertThat(found.description()).isEmpty();
  }

  @Test
  void aPermissionsBoundaryIsPutReplacedAndDeleted() {
    String name = uniqueRole();
    String arn = create(name).arn();

    iam().putRolePermissionsBoundary(name, boundaryIn(arn, "First"));
    assertThat(iam().findRole(name).orElseThrow().permissionsBoundary()).contains(boundaryIn(arn, "First"));
    iam().putRolePermissionsBoundary(name, boundaryIn(arn, "Second"));
    assertThat(iam().findRole(name).orElseThrow().permissionsBoundary()).contains(boundaryIn(arn, "Second"));
    iam().deleteRolePermissionsBoundary(name);
    assertThat(iam().findRole(name).orElseThrow().permissionsBoundary()).isEmpty();
  }

  @Test
  void updateRoleSetsTheDescriptionAndTheSessionDurationAndKeepsTheRest() {
    String name = uniqueRole();
    String arn = create(name).arn();
    iam().putRolePermissionsBoundary(name, boundaryIn(arn, "Kept"));

    iam().updateRole(name, "a new description", 43_200);

    RoleInfo found = iam().findRole(name).orElseThrow();
    assertThat(found.description()).contains("a new description");
    assertThat(found.maxSessionDurationSeconds()).isEqualTo(43_200);
    assertThat(found.permissionsBoundary()).contains(boundaryIn(arn, "Kept"));
    assertThat(found.tags()).containsEntry("team", "billing");
    assertThat(PolicyDocument.parse(found.trustPolicyJson())).isEqualTo(PolicyDocument.parse(TRUST));
  }

  @Test
  void untagRoleRemovesOnlyTheKeysNamedAndAKeyTheRoleLacksIsNoError() {
    String name = uniqueRole();
    create(name);
    iam().tagRole(name, Map.of("owner", "platform", "cost-center", "42"));

    iam().untagRole(name, List.of("cost-center", "never-there"));

    assertThat(iam().findRole(name).orElseThrow().tags())
        .containsOnly(Map.entry("team", "billing"), Map.entry("owner", "platform"));
  }

  @Test
  void theGuardrailCallsOnARoleThatDoesNotExistAreNoSuchEntity() {
    String missing = uniqueRole();
    String boundary = boundaryIn(create(uniqueRole()).arn(), "Boundary");

    assertAwsError(() -> iam().untagRole(missing, List.of("a")), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().updateRole(missing, "d", 3600), NoSuchEntityException.class, "NoSuchEntity", 404);
    assertAwsError(() -> iam().putRolePermissionsBoundary(missing, boundary), NoSuchEntityException.class,
        "NoSuchEntity", 404);
    assertAwsError(() -> iam().deleteRolePermissionsBoundary(missing), NoSuchEntityException.class, "NoSuchEntity",
        404);
  }

  // ---------------------------------------------------------------- inline policies

  @Test
  void inlinePoliciesArePutReadListedAndDeleted() {
    String name = uniqueRole();
    create(name);
    assertThat(iam().findRolePolicy(name, "billing-identity-s3")).isEmpty();

    iam().putRolePolicy(name, "billing-identity-s3", POLICY);

    assertThat(PolicyDocument.parse(iam().findRolePolicy(name, "billing-identity-s3").orElseThrow()))
        .isEqualTo(PolicyDocument.parse(POLICY));
    assertThat(iam().listRolePolicyNames(name)).containsExactly("billing-identity-s3");
    iam().deleteRolePolicy(name, "billing-identity-s3");
    assertThat(iam().listRolePolicyNames(name)).isEmpty();
    assertAwsError(() -> iam().deleteRolePolicy(name, "billing-identity-s3"), NoSuchEntityException.class,
        "NoSuchEntity", 404);
  }

  @Test
  void puttingAnInlinePolicyAgainReplacesIt() {
    String name = uniqueRole();
    create(name);
    iam().putRolePolicy(name, "p", POLICY);
    String narrower = POLICY.replace("[\"s3:GetObject\",\"s3:PutObject\"]", "\"s3:PutObject\"");

    iam().putRolePolicy(name, "p", narrower);

    assertThat(iam().listRolePolicyNames(name)).containsExactly("p");
    assertThat(PolicyDocument.parse(iam().findRolePolicy(name, "p").orElseThrow()))
        .isEqualTo(PolicyDocument.parse(narrower));
  }

  @Test
  void theInlinePolicyOfARoleThatDoesNotExistIsEmpty() {
    // IAM answers NoSuchEntity for the role and for the policy alike: a port cannot tell them apart.
    assertThat(iam().findRolePolicy(uniqueRole(), "billing-identity-s3")).isEmpty();
  }

  @Test
  void aMalformedInlinePolicyIsRefused() {
    String name = uniqueRole();
    create(name);

    assertAwsError(() -> iam().putRolePolicy(name, "p", "{\"Version\":"), MalformedPolicyDocumentException.class,
        "MalformedPolicyDocument", 400);
    assertAwsError(() -> iam().putRolePolicy(name, "p", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":\"s3:GetObject\"}]}"),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400);
    assertThat(iam().listRolePolicyNames(name)).isEmpty();
  }

  @Test
  void aRoleWithInlinePoliciesCannotBeDeletedAndOneWithoutIsGone() {
    String name = uniqueRole();
    create(name);
    iam().putRolePolicy(name, "billing-identity-s3", POLICY);

    assertAwsError(() -> iam().deleteRole(name), AwsServiceException.class, "DeleteConflict", 409);
    assertThat(iam().findRole(name)).isPresent();
    iam().deleteRolePolicy(name, "billing-identity-s3");
    iam().deleteRole(name);
    assertThat(iam().findRole(name)).isEmpty();
  }

  // ---------------------------------------------------------------- OIDC providers

  @Test
  void oidcProvidersAreCreatedWithoutThumbprintReadListedAndDeleted() {
    String issuer = uniqueIssuer();

    String arn = iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"), List.of(),
        Map.of("billing-identity.dev/managed-by", "billing-identity")));

    assertThat(arn).startsWith("arn:aws").endsWith(":oidc-provider/" + issuer.substring("https://".length()));
    OidcProviderInfo info = iam().findOidcProvider(arn).orElseThrow();
    assertThat(info.url()).isEqualTo(issuer.substring("https://".length()));
    assertThat(info.clientIds()).containsExactly("sts.amazonaws.com");
    assertThat(iam().listOidcProviderArns()).contains(arn);
    iam().deleteOidcProvider(arn);
    assertThat(iam().findOidcProvider(arn)).isEmpty();
    assertThat(iam().listOidcProviderArns()).doesNotContain(arn);
  }

  @Test
  void aSecondProviderForTheSameIssuerIsEntityAlreadyExists() {
    String issuer = uniqueIssuer();
    iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"), List.of(), Map.of()));

    assertAwsError(() -> iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"),
        List.of(), Map.of())), EntityAlreadyExistsException.class, "EntityAlreadyExists", 409);
  }

  @Test
  void aProviderThatDoesNotExistIsEmpty() {
    assertThat(iam().findOidcProvider("arn:aws:iam::123456789012:oidc-provider/"
        + uniqueIssuer().substring("https://".length()))).isEmpty();
  }
}
