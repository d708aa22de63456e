package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.EntityAlreadyExistsException;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.MalformedPolicyDocumentException;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IamPort} must do, as IAM does it. Extend it with the port under test: the in-memory fake, the
 * SDK adapter against the fake AWS server, or the SDK adapter against moto.
 */
public abstract class IamPortContract {
  /** The port under test; may be called many times per test. */
  protected abstract IamPort iam();

  /** A trust policy with characters that URL encoding changes ({@code + / % : " space}), as a round-trip check. */
  protected static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ci\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
      + "{\"aws:PrincipalTag/team\":\"a+b c/d%e:f\"}}}]}";
  protected static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::acme-billing/*\"}]}";

  /** A role name no other test uses. */
  protected static String uniqueRole() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private RoleInfo create(String name) {
    return iam().createRole(new NewRole(name, "/", TRUST, "contract test", Map.of("team", "billing")));
  }

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
  void creatingARoleTwiceFailsWithEntityAlreadyExists() {
    String name = uniqueRole();
    create(name);

    assertThatThrownBy(() -> create(name)).isInstanceOf(EntityAlreadyExistsException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).errorCode()).isEqualTo("EntityAlreadyExists"));
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
  void updatingTheTrustOfAMissingRoleFailsWithNoSuchEntity() {
    assertThatThrownBy(() -> iam().updateTrustPolicy(uniqueRole(), TRUST)).isInstanceOf(NoSuchEntityException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void aMalformedTrustPolicyIsRefused() {
    String name = uniqueRole();
    create(name);

    assertThatThrownBy(() -> iam().updateTrustPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":"))
        .isInstanceOf(MalformedPolicyDocumentException.class);
  }

  @Test
  void tagsAreAddedToARole() {
    String name = uniqueRole();
    create(name);

    iam().tagRole(name, Map.of("billing-identity.dev/managed-by", "billing-identity"));

    assertThat(iam().findRole(name).orElseThrow().tags())
        .containsEntry("team", "billing").containsEntry("billing-identity.dev/managed-by", "billing-identity");
  }

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
    assertThatThrownBy(() -> iam().deleteRolePolicy(name, "billing-identity-s3"))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void aRoleWithInlinePoliciesCannotBeDeletedAndOneWithoutIsGone() {
    String name = uniqueRole();
    create(name);
    iam().putRolePolicy(name, "billing-identity-s3", POLICY);

    assertThatThrownBy(() -> iam().deleteRole(name)).isInstanceOf(AwsServiceException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).errorCode()).isEqualTo("DeleteConflict"));
    iam().deleteRolePolicy(name, "billing-identity-s3");
    iam().deleteRole(name);
    assertThat(iam().findRole(name)).isEmpty();
  }

  @Test
  void oidcProvidersAreCreatedWithoutThumbprintReadListedAndDeleted() {
    String issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/" + UUID.randomUUID().toString().replace("-", "")
        .toUpperCase(java.util.Locale.ROOT);

    String arn = iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"), List.of(),
        Map.of("billing-identity.dev/managed-by", "billing-identity")));

    assertThat(arn).endsWith(":oidc-provider/" + issuer.substring("https://".length()));
    OidcProviderInfo info = iam().findOidcProvider(arn).orElseThrow();
    assertThat(info.url()).isEqualTo(issuer.substring("https://".length()));
    assertThat(info.clientIds()).containsExactly("sts.amazonaws.com");
    assertThat(iam().listOidcProviderArns()).contains(arn);
    assertThatThrownBy(() -> iam().createOidcProvider(new NewOidcProvider(issuer, List.of("sts.amazonaws.com"),
        List.of(), Map.of()))).isInstanceOf(EntityAlreadyExistsException.class);
    iam().deleteOidcProvider(arn);
    assertThat(iam().findOidcProvider(arn)).isEmpty();
  }
}
