package dev.billingidentity.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.cluster.TokenForgery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fake STS's {@code AssumeRoleWithWebIdentity} checks the token as STS does (signature, issuer, audience,
 * expiry), then the role's trust, and S3 judges the session it issues by the role's inline policies.
 */
class InMemoryStsWebIdentityTest {
  private static final String NS = "mxp-11111111-1111-1111-1111-111111111111-system";
  private static final String S3_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::acme-billing\"}]}";

  private final InMemoryAws aws = new InMemoryAws();
  private final String issuer = aws.givenCluster("spaces-prod");
  private final ServiceAccountIssuer tokens = new ServiceAccountIssuer(issuer);
  private final String hostPath = issuer.substring("https://".length());
  private String roleArn;

  private void givenIrsaRole(String namespace) {
    aws.givenOidcProvider(issuer);
    aws.trustIssuerKeys(issuer, tokens.publicJwks());
    aws.givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Federated\":\"" + aws.providerArnOf(hostPath) + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
        + "\"Condition\":{\"StringEquals\":{\"" + hostPath + ":aud\":\"sts.amazonaws.com\",\"" + hostPath
        + ":sub\":\"system:serviceaccount:" + namespace + ":vector\"}}}]}", Map.of());
    roleArn = aws.role("spaces-billing").orElseThrow().arn();
  }

  @Test
  void vectorsTokenBuysTheRolesCredentialsAndTheRolesPolicyLetsThemSeeTheBucket() {
    givenIrsaRole(NS);
    aws.s3().givenBucket("acme-billing", "us-east-1").givenBucket("other-bucket", "us-east-1");
    String token = tokens.sign(NS, "vector", "sts.amazonaws.com");

    AssumedRole session = aws.assumeRoleWithWebIdentity(roleArn, "billing-identity-probe", token);

    assertThat(session.assumedRoleArn())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/spaces-billing/billing-identity-probe");
    assertThat(session.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(session.toString()).doesNotContain(session.credentials().accessKeyId(),
        session.credentials().secretAccessKey(), session.credentials().sessionToken());
    BillingStorage billing = BillingStorage.s3("us-east-1", "acme-billing");
    assertThat(aws.s3().findBucketAs(session.credentials(), billing).answer())
        .as("the role has no S3 policy yet").isEqualTo(BucketStatus.Answer.FORBIDDEN);
    aws.givenRolePolicy("spaces-billing", "billing-identity-s3", S3_POLICY);
    assertThat(aws.s3().findBucketAs(session.credentials(), billing)).isEqualTo(BucketStatus.found("acme-billing",
        "us-east-1"));
    assertThat(aws.s3().findBucketAs(session.credentials(), BillingStorage.s3("us-east-1", "other-bucket")).answer())
        .isEqualTo(BucketStatus.Answer.FORBIDDEN);
    assertThat(aws.calls().count("AssumeRoleWithWebIdentity")).isEqualTo(1);
  }

  @Test
  void aSubjectTheTrustDoesNotNameIsAccessDeniedAsStsSaysIt() {
    givenIrsaRole(NS);
    String token = tokens.sign("mxp-added-later-system", "vector", "sts.amazonaws.com");

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe", token))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("STS AssumeRoleWithWebIdentity failed: AccessDenied (HTTP 403): Not authorized to perform "
            + "sts:AssumeRoleWithWebIdentity");
  }

  @Test
  void aRoleThatDoesNotExistIsAccessDeniedToo() {
    givenIrsaRole(NS);
    String token = tokens.sign(NS, "vector", "sts.amazonaws.com");

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity("arn:aws:iam::123456789012:role/nobody", "probe", token))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aTamperedTokenIsRefusedBeforeTheTrustIsRead() {
    givenIrsaRole(NS);
    String token = tokens.sign("mxp-other-system", "vector", "sts.amazonaws.com");
    // The subject the trust allows, under the signature of another subject's token.
    String forged = TokenForgery.withSubject(token, "system:serviceaccount:" + NS + ":vector");

    for (String bad : List.of(TokenForgery.tamperedSignature(tokens.sign(NS, "vector", "sts.amazonaws.com")), forged)) {
      assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe", bad))
          .isInstanceOf(InvalidTokenException.class)
          .satisfies(e -> assertThat(((InvalidTokenException) e).errorCode()).isEqualTo("InvalidIdentityToken"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
    }
  }

  @Test
  void anotherIssuersKeysDoNotVerifyTheToken() {
    givenIrsaRole(NS);
    ServiceAccountIssuer impostor = new ServiceAccountIssuer(issuer);

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe",
        impostor.sign(NS, "vector", "sts.amazonaws.com")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("InvalidIdentityToken");
  }

  @Test
  void anIssuerWithoutAnOidcProviderInTheAccountIsNamed() {
    aws.trustIssuerKeys(issuer, tokens.publicJwks());
    aws.givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", Map.of());

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(aws.role("spaces-billing").orElseThrow().arn(), "probe",
        tokens.sign(NS, "vector", "sts.amazonaws.com")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageEndingWith("No OpenIDConnect provider found in your account for " + issuer);
  }

  @Test
  void anAudienceThatIsNotAClientIdOfTheProviderIsAnIncorrectAudience() {
    givenIrsaRole(NS);

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe",
        tokens.sign(NS, "vector", "pods.eks.amazonaws.com")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageEndingWith("InvalidIdentityToken (HTTP 400): Incorrect token audience");
  }

  @Test
  void anExpiredTokenIsExpiredTokenException() {
    givenIrsaRole(NS);
    String expired = tokens.sign(NS, "vector", "uid", "sts.amazonaws.com", Instant.now().minus(ServiceAccountIssuer.MIN_EXPIRY)
        .minusSeconds(60), ServiceAccountIssuer.MIN_EXPIRY);

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe", expired))
        .isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).expired()).isTrue())
        .hasMessageContaining("ExpiredTokenException (HTTP 400): Token expired: current date/time ");
  }

  @Test
  void somethingThatIsNotAJwtIsInvalid() {
    givenIrsaRole(NS);

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe", "not-a-jwt"))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("is not a valid JWT");
  }

  @Test
  void aTrustChangeReachesStsOnlyOnceIamHasPropagatedIt() {
    givenIrsaRole("mxp-old-system");
    aws.visibilityDelay(5);
    String trust = aws.role("spaces-billing").orElseThrow().trustPolicyJson().replace("mxp-old-system", NS);
    aws.updateTrustPolicy("spaces-billing", trust);
    String token = tokens.sign(NS, "vector", "sts.amazonaws.com");

    assertThatThrownBy(() -> aws.assumeRoleWithWebIdentity(roleArn, "probe", token))
        .isInstanceOf(AccessDeniedException.class);
    for (int i = 0; i < 5; i++) {
      aws.callerIdentity();
    }
    assertThat(aws.assumeRoleWithWebIdentity(roleArn, "probe", token).roleName()).isEqualTo("spaces-billing");
  }
}
