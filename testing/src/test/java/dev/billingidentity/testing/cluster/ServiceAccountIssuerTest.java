package dev.billingidentity.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issuer signs as EKS's service-account issuer does, and publishes only its public key. */
class ServiceAccountIssuerTest {
  private static final String URL = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
  private final ServiceAccountIssuer issuer = new ServiceAccountIssuer(URL);

  @Test
  void aTokenCarriesEksClaimsInEksShapesAndVerifiesWithThePublishedKeySet() throws Exception {
    Instant at = Instant.parse("2026-11-28T19:00:00Z");
    String token = issuer.sign("mxp-a-system", "vector", "uid-1", "sts.amazonaws.com", at, Duration.ofMinutes(10));

    JWSObject jws = JWSObject.parse(token);
    RSAKey published = JWKSet.parse(issuer.publicJwks()).getKeyByKeyId(jws.getHeader().getKeyID()).toRSAKey();
    assertThat(jws.verify(new RSASSAVerifier(published))).isTrue();
    // The header holds alg and kid only, as the API server writes it.
    assertThat(jws.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid").containsEntry("alg", "RS256");
    // aud is an array even of one, as in EKS's tokens (a JWT library would write a lone string).
    String payload = jws.getPayload().toString();
    assertThat(payload).contains("\"aud\":[\"sts.amazonaws.com\"]");
    assertThat(jws.getPayload().toJSONObject())
        .containsEntry("iss", URL)
        .containsEntry("sub", "system:serviceaccount:mxp-a-system:vector")
        .containsEntry("iat", at.getEpochSecond())
        .containsEntry("nbf", at.getEpochSecond())
        .containsEntry("exp", at.getEpochSecond() + 600)
        .containsEntry("kubernetes.io", Map.of("namespace", "mxp-a-system",
            "serviceaccount", Map.of("name", "vector", "uid", "uid-1")))
        .containsKey("jti");
  }

  @Test
  void theKeyIdIsKubernetesOwnTheSha256OfThePublicKeysDer() throws Exception {
    String expected = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256").digest(issuer.publicKey().getEncoded()));

    assertThat(issuer.keyId()).isEqualTo(expected);
  }

  @Test
  void theKeySetHoldsOnlyThePublicSigningKey() throws Exception {
    JWKSet set = JWKSet.parse(issuer.publicJwks());

    assertThat(set.getKeys()).singleElement().satisfies(k -> {
      assertThat(k.isPrivate()).isFalse();
      assertThat(k.getKeyID()).isEqualTo(issuer.keyId());
      assertThat(k.getAlgorithm().getName()).isEqualTo("RS256");
      assertThat(k.getKeyUse().identifier()).isEqualTo("sig");
    });
    assertThat(issuer.publicJwks()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    assertThat(issuer.toString()).isEqualTo("ServiceAccountIssuer[" + URL + "]");
  }

  @Test
  void anotherIssuerOfTheSameUrlHasAnotherKeySoItsTokensDoNotVerify() throws Exception {
    ServiceAccountIssuer impostor = new ServiceAccountIssuer(URL);
    String forged = impostor.sign("mxp-a-system", "vector", "uid-1", "sts.amazonaws.com", Instant.now(),
        Duration.ofMinutes(10));

    assertThat(JWSObject.parse(forged).verify(new RSASSAVerifier(issuer.publicKey()))).isFalse();
  }

  @Test
  void anyClaimsCanBeSignedForTestsOfOtherShapes() throws Exception {
    String token = issuer.sign(Map.of("iss", URL, "sub", "system:serviceaccount:a:b", "aud", "sts.amazonaws.com"));

    JWSObject jws = JWSObject.parse(token);
    assertThat(jws.verify(new RSASSAVerifier(issuer.publicKey()))).isTrue();
    assertThat(jws.getPayload().toJSONObject()).containsEntry("aud", "sts.amazonaws.com");
  }

  @Test
  void theTokenRequestApiRefusesExpiriesUnderTenMinutesAndOverTwoToTheThirtyTwoSeconds() {
    assertThat(ServiceAccountIssuer.tokenRequestRefusal(Duration.ofSeconds(599)))
        .hasValue("spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes");
    assertThat(ServiceAccountIssuer.tokenRequestRefusal(Duration.ofMinutes(10))).isEmpty();
    assertThat(ServiceAccountIssuer.tokenRequestRefusal(Duration.ofSeconds(1L << 32))).isEmpty();
    assertThat(ServiceAccountIssuer.tokenRequestRefusal(Duration.ofSeconds((1L << 32) + 1))).isPresent();
  }

  @Test
  void anIssuerUrlIsHttps() {
    assertThatThrownBy(() -> new ServiceAccountIssuer("oidc.eks.us-east-1.amazonaws.com/id/X"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
  }
}
