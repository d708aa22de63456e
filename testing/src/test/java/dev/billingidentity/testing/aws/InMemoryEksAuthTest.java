package dev.billingidentity.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.cluster.TokenForgery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake EKS Auth's {@code AssumeRoleForPodIdentity}: the cluster's own token for {@code pods.eks.amazonaws.com}, the
 * association of its service account, and a trust that lets EKS Pod Identity assume and tag for this account and
 * cluster.
 */
class InMemoryEksAuthTest {
  private static final String NS = "mxp-11111111-1111-1111-1111-111111111111-system";
  private static final String PODS = "pods.eks.amazonaws.com";

  private final InMemoryAws aws = new InMemoryAws();
  private final String issuer = aws.givenCluster("spaces-prod");
  private final ServiceAccountIssuer tokens = new ServiceAccountIssuer(issuer);
  private String clusterArn;
  private String roleArn;

  @BeforeEach
  void aClusterWhoseIssuerKeysAwsKnows() {
    aws.trustIssuerKeys(issuer, tokens.publicJwks());
    clusterArn = aws.clusterArn("spaces-prod");
  }

  private void givenRoleAndAssociation(String trust) {
    aws.givenRole("spaces-billing", trust, Map.of());
    roleArn = aws.role("spaces-billing").orElseThrow().arn();
    aws.givenAssociation("spaces-prod", NS, "vector", roleArn, Map.of());
  }

  private String podIdentityTrust(String actions, String sourceArn) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + PODS
        + "\"},\"Action\":" + actions + ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"},"
        + "\"ArnEquals\":{\"aws:SourceArn\":\"" + sourceArn + "\"}}}]}";
  }

  @Test
  void theAssociationsRoleIsAssumedAndTaggedAsEksDoes() {
    givenRoleAndAssociation(podIdentityTrust("[\"sts:AssumeRole\",\"sts:TagSession\"]", clusterArn));

    AssumedRole session = aws.assumeRoleForPodIdentity("spaces-prod", tokens.sign(NS, "vector", PODS));

    assertThat(session.assumedRoleArn()).startsWith("arn:aws:sts::123456789012:assumed-role/spaces-billing/"
        + "eks-spaces-prod-vector-");
    assertThat(session.roleName()).isEqualTo("spaces-billing");
    assertThat(session.toString()).doesNotContain(session.credentials().secretAccessKey());
    assertThat(aws.calls().count("AssumeRoleForPodIdentity")).isEqualTo(1);
  }

  @Test
  void aTrustWithoutTagSessionIsRefused() {
    givenRoleAndAssociation(podIdentityTrust("\"sts:AssumeRole\"", clusterArn));

    assertThatThrownBy(() -> aws.assumeRoleForPodIdentity("spaces-prod", tokens.sign(NS, "vector", PODS)))
        .isInstanceOf(AccessDeniedException.class)
        .satisfies(e -> assertThat(((AccessDeniedException) e).errorCode()).isEqualTo("AccessDeniedException"))
        .hasMessageContaining("sts:TagSession");
  }

  @Test
  void aTrustForAnotherClusterIsRefused() {
    givenRoleAndAssociation(podIdentityTrust("[\"sts:AssumeRole\",\"sts:TagSession\"]",
        clusterArn.replace("spaces-prod", "spaces-other")));

    assertThatThrownBy(() -> aws.assumeRoleForPodIdentity("spaces-prod", tokens.sign(NS, "vector", PODS)))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aServiceAccountWithoutAnAssociationIsNotFound() {
    givenRoleAndAssociation(podIdentityTrust("[\"sts:AssumeRole\",\"sts:TagSession\"]", clusterArn));

    assertThatThrownBy(() -> aws.assumeRoleForPodIdentity("spaces-prod",
        tokens.sign("mxp-added-later-system", "vector", PODS)))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("ResourceNotFoundException")
        .hasMessageContaining("mxp-added-later-system");
  }

  @Test
  void aTokenForStsOrOfAnotherIssuerOrTamperedIsAnInvalidToken() {
    givenRoleAndAssociation(podIdentityTrust("[\"sts:AssumeRole\",\"sts:TagSession\"]", clusterArn));
    String other = aws.givenCluster("spaces-other");

    for (String bad : List.of(tokens.sign(NS, "vector", "sts.amazonaws.com"),
        new ServiceAccountIssuer(other).sign(NS, "vector", PODS),
        new ServiceAccountIssuer(issuer).sign(NS, "vector", PODS),
        TokenForgery.tamperedSignature(tokens.sign(NS, "vector", PODS)))) {
      assertThatThrownBy(() -> aws.assumeRoleForPodIdentity("spaces-prod", bad))
          .isInstanceOf(InvalidTokenException.class)
          .satisfies(e -> assertThat(((InvalidTokenException) e).errorCode()).isEqualTo("InvalidTokenException"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
    }
  }

  @Test
  void anExpiredTokenAndAMissingClusterAreTheirOwnErrors() {
    givenRoleAndAssociation(podIdentityTrust("[\"sts:AssumeRole\",\"sts:TagSession\"]", clusterArn));
    String expired = tokens.sign(NS, "vector", "uid", PODS, Instant.now().minus(ServiceAccountIssuer.MIN_EXPIRY)
        .minusSeconds(1), ServiceAccountIssuer.MIN_EXPIRY);

    assertThatThrownBy(() -> aws.assumeRoleForPodIdentity("spaces-prod", expired))
        .isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).expired()).isTrue());
    assertThatThrownBy(() -> aws.assumeRoleForPodIdentity("nope", tokens.sign(NS, "vector", PODS)))
        .isInstanceOf(NoSuchEntityException.class);
  }
}
