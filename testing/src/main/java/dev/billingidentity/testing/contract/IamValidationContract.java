package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.MalformedPolicyDocumentException;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What IAM refuses that an emulator may let through (moto 5.2.1 accepts most of it): a malformed trust policy on
 * {@code CreateRole}, trust statements without a principal, trust in an OIDC provider IAM does not know (the reason
 * IRSA must create the provider before the role), permission statements with a principal, characters outside IAM's
 * character set, names and paths IAM's API model refuses, a thumbprint that is not one, and the role's guardrails
 * outside IAM's model (a permissions boundary that is not a managed policy's ARN, a session duration outside 1 to 12
 * hours, a description too long or outside IAM's character set, tag keys and values outside IAM's pattern). Code
 * tested against a port that passes this kit meets these errors before production does.
 *
 * <p>One thing IAM does not refuse is here too, because a fake that refused it would teach code to depend on an error
 * production never raises: deleting an OpenID Connect provider that is not there succeeds (the API reference of
 * {@code DeleteOpenIDConnectProvider}: "This operation is idempotent; it does not fail or return an error if you call
 * the operation for a provider that does not exist").
 */
public abstract class IamValidationContract {
  /** The port under test. */
  protected abstract IamPort iam();

  private static final String TRUST = IamPortContract.TRUST;

  private static void assertRefused(ThrowingCallable call, Class<? extends AwsServiceException> type, String code) {
    assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> {
      assertThat(((AwsServiceException) e).errorCode()).isEqualTo(code);
      assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400);
    });
  }

  @Test
  void aRoleWithAMalformedTrustPolicyIsNotCreated() {
    String name = IamPortContract.uniqueRole();

    assertRefused(() -> iam().createRole(new NewRole(name, "/", "{\"Statement\":", "", Map.of())),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument");
    assertThat(iam().findRole(name)).isEmpty();
  }

  @Test
  void aTrustStatementWithoutAPrincipalIsRefused() {
    String name = IamPortContract.uniqueRole();

    assertRefused(() -> iam().createRole(new NewRole(name, "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
            + "\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}", "", Map.of())),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument");
  }

  @Test
  void aTrustInAnOidcProviderIamDoesNotKnowIsRefusedUntilTheProviderExists() {
    String issuer = IamPortContract.uniqueIssuer();
    String hostPath = issuer.substring("https://".length());
    String name = IamPortContract.uniqueRole();
    String[] roleArn = iam().createRole(new NewRole(name, "/", TRUST, "", Map.of())).arn().split(":");
    String providerArn = "arn:" + roleArn[1] + ":iam::" + roleArn[4] + ":oidc-provider/" + hostPath;
    String irsaTrust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
        + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
        + hostPath + ":aud\":\"sts.amazonaws.com\",\"" + hostPath + ":sub\":\"system:serviceaccount:mxp-a-system:vector\""
        + "}}}]}";

    assertRefused(() -> iam().updateTrustPolicy(name, irsaTrust), MalformedPolicyDocumentException.class,
        "MalformedPolicyDocument");

    iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"), List.of(), Map.of()));
    iam().updateTrustPolicy(name, irsaTrust);
    assertThat(iam().findRole(name).orElseThrow().trustPolicyJson()).contains(providerArn);
  }

  @Test
  void aPermissionStatementWithAPrincipalIsRefused() {
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", TRUST, "", Map.of()));

    assertRefused(() -> iam().putRolePolicy(name, "p", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"),
        MalformedPolicyDocumentException.class, "MalformedPolicyDocument");
  }

  @Test
  void aPolicyWithCharactersOutsideIamsCharacterSetIsAValidationError() {
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", TRUST, "", Map.of()));

    // IAM takes U+0009, U+000A, U+000D and U+0020 to U+00FF: é passes (see IamPortContract), the euro sign does not.
    assertRefused(() -> iam().updateTrustPolicy(name, TRUST.replace("a+b c/d%e:f", "5€")),
        InvalidParameterException.class, "ValidationError");
  }

  @Test
  void roleNamesAndPathsOutsideIamsPatternsAreValidationErrors() {
    assertRefused(() -> iam().createRole(new NewRole("billing identity!", "/", TRUST, "", Map.of())),
        InvalidParameterException.class, "ValidationError");
    assertRefused(() -> iam().createRole(new NewRole("r".repeat(65), "/", TRUST, "", Map.of())),
        InvalidParameterException.class, "ValidationError");
    assertRefused(() -> iam().createRole(new NewRole(IamPortContract.uniqueRole(), "billing", TRUST, "", Map.of())),
        InvalidParameterException.class, "ValidationError");
  }

  @Test
  void aPermissionsBoundaryThatIsNotAManagedPolicysArnIsRefused() {
    String name = IamPortContract.uniqueRole();
    String roleArn = iam().createRole(new NewRole(IamPortContract.uniqueRole(), "/", TRUST, "", Map.of())).arn();

    // IAM answers InvalidInput ("ARN ... is not valid."); the library relies only on the refusal, a client error.
    assertThatThrownBy(() -> iam().createRole(new NewRole(name, "/", TRUST, "", Map.of(), Optional.of(roleArn),
        OptionalInt.empty()))).isInstanceOf(AwsServiceException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
    assertThat(iam().findRole(name)).isEmpty();
    String existing = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    assertThatThrownBy(() -> iam().putRolePermissionsBoundary(existing, "DeveloperBoundary"))
        .isInstanceOf(AwsServiceException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
    assertThat(iam().findRole(existing).orElseThrow().permissionsBoundary()).isEmpty();
  }

  @Test
  void aMaximumSessionDurationOutsideOneToTwelveHoursIsAValidationError() {
    String name = IamPortContract.uniqueRole();

    assertRefused(() -> iam().createRole(new NewRole(name, "/", TRUST, "", Map.of(), Optional.empty(),
        OptionalInt.of(3599))), InvalidParameterException.class, "ValidationError");
    iam().createRole(new NewRole(name, "/", TRUST, "", Map.of()));
    assertRefused(() -> iam().updateRole(name, "", 43_201), InvalidParameterException.class, "ValidationError");
  }

  @Test
  void aDescriptionOverAThousandCharactersOrOutsideIamsCharacterSetIsAValidationError() {
    String name = IamPortContract.uniqueRole();

    assertRefused(() -> iam().createRole(new NewRole(name, "/", TRUST, "d".repeat(1001), Map.of())),
        InvalidParameterException.class, "ValidationError");
    iam().createRole(new NewRole(name, "/", TRUST, "", Map.of()));
    assertRefused(() -> iam().updateRole(name, "billing \u20ac", 3600), InvalidParameterException.class,
        "ValidationError");
  }

  @Test
  void tagKeysOutsideIamsPatternOrDifferingOnlyInCaseAreRefused() {
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", TRUST, "", Map.of()));

    assertRefused(() -> iam().tagRole(name, Map.of("cost!center", "42")), InvalidParameterException.class,
        "ValidationError");
    // IAM tag keys are not case sensitive: one request cannot carry both spellings.
    assertRefused(() -> iam().tagRole(name, Map.of("Team", "a", "team", "b")), InvalidParameterException.class,
        "InvalidInput");
    assertThat(iam().findRole(name).orElseThrow().tags()).isEmpty();
  }

  @Test
  void tagValuesOutsideIamsCharacterSetAreValidationErrors() {
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", TRUST, "", Map.of()));

    assertRefused(() -> iam().tagRole(name, Map.of("team", "billing!")), InvalidParameterException.class,
        "ValidationError");
  }

  @Test
  void aThumbprintThatIsNotFortyHexDigitsIsRefused() {
    assertThatThrownBy(() -> iam().createOidcProvider(new NewOidcProvider(IamPortContract.uniqueIssuer(),
        List.of("sts.amazonaws.com"), List.of("abc"), Map.of()))).isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void deletingAProviderThatIsAlreadyGoneSucceeds() {
    String issuer = IamPortContract.uniqueIssuer();
    String arn = iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"), List.of(),
        Map.of()));
    iam().deleteOidcProvider(arn);

    // A second delete (a teardown retried after a lost answer) is not an error in IAM.
    iam().deleteOidcProvider(arn);
    assertThat(iam().findOidcProvider(arn)).isEmpty();
    assertThat(iam().listOidcProviderArns()).doesNotContain(arn);
  }
}
