package dev.billingidentity.awssdk.moto;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamValidationContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link IamValidationContract} kit on the SDK adapter against moto, for the parts moto 5.2.1 models: deleting
 * an OpenID Connect provider that is already gone succeeds, as IAM's idempotent delete does; a permissions boundary
 * that is not a managed policy's ARN is refused (moto says {@code InvalidParameterValue}, IAM {@code InvalidInput}:
 * the kit asks only for a client error); tag keys outside IAM's pattern, or differing only in case, are refused.
 *
 * <p>Left out, because moto 5.2.1 accepts what IAM refuses (found by running each against moto; AWS's side is in the
 * IAM API reference and quotas page and in {@code FACTS.md}). Each still runs, through {@link KitOnMoto}, and must
 * fail by moto answering success, so this list cannot go stale when moto changes:
 * <ul>
 *   <li>a malformed trust policy, or a trust statement without a principal, on {@code CreateRole}: moto's
 *       {@code CreateRole} stores the document unchecked (it checks syntax on {@code UpdateAssumeRolePolicy} only,
 *       and even there lets a missing principal through);</li>
 *   <li>trust in an OIDC provider the account does not have: moto does not resolve principals, IAM answers
 *       {@code MalformedPolicyDocument: Invalid principal in policy};</li>
 *   <li>a principal in a permission policy: moto's {@code PutRolePolicy} checks syntax only;</li>
 *   <li>characters outside U+0009, U+000A, U+000D, U+0020 to U+00FF: moto does not check IAM's character set;</li>
 *   <li>role names and paths outside IAM's patterns and lengths: moto does not check them;</li>
 *   <li>a thumbprint shorter than 40 characters: moto refuses only longer ones (boto3 refuses short ones on the
 *       client, so moto never sees them; the Java SDK v2 does not check lengths and sends them);</li>
 *   <li>a maximum session duration outside 3600 to 43200 seconds: moto stores any;</li>
 *   <li>a description over 1,000 characters or outside IAM's character set: moto stores any;</li>
 *   <li>tag values outside IAM's character set: moto checks their length only.</li>
 * </ul>
 * These run on the fake AWS server ({@code SdkIamValidationContractTest}) and in memory.
 */
class MotoIamValidationContractTest {
  @RegisterExtension
  static final MotoEndpoint moto = new MotoEndpoint();

  @TestFactory
  List<DynamicTest> theKitOnMoto() {
    IamValidationContract kit = new IamValidationContract() {
      @Override
      protected IamPort iam() {
        return moto.backend().iam();
      }
    };
    return KitOnMoto.tests(kit, Set.of("deletingAProviderThatIsAlreadyGoneSucceeds",
        "aPermissionsBoundaryThatIsNotAManagedPolicysArnIsRefused",
        "tagKeysOutsideIamsPatternOrDifferingOnlyInCaseAreRefused"), Map.ofEntries(
        Map.entry("aRoleWithAMalformedTrustPolicyIsNotCreated", "CreateRole does not check the trust policy"),
        Map.entry("aTrustStatementWithoutAPrincipalIsRefused", "no check for a missing principal"),
        Map.entry("aTrustInAnOidcProviderIamDoesNotKnowIsRefusedUntilTheProviderExists",
            "principals are not resolved"),
        Map.entry("aPermissionStatementWithAPrincipalIsRefused", "PutRolePolicy checks syntax only"),
        Map.entry("aPolicyWithCharactersOutsideIamsCharacterSetIsAValidationError", "no character set check"),
        Map.entry("roleNamesAndPathsOutsideIamsPatternsAreValidationErrors", "no name or path pattern check"),
        Map.entry("aThumbprintThatIsNotFortyHexDigitsIsRefused", "only thumbprints over 40 characters are refused"),
        Map.entry("aMaximumSessionDurationOutsideOneToTwelveHoursIsAValidationError", "no session duration range"),
        Map.entry("aDescriptionOverAThousandCharactersOrOutsideIamsCharacterSetIsAValidationError",
            "no description length or character set check"),
        Map.entry("tagValuesOutsideIamsCharacterSetAreValidationErrors", "tag values are checked for length only")));
  }
}
