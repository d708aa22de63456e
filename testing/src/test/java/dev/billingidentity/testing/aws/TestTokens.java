package dev.billingidentity.testing.aws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** An OIDC issuer for tests: an RSA key, its public JWKS, and service-account-like tokens signed with it. */
final class TestTokens {
  private final String issuer;
  private final RSAKey key;

  TestTokens(String issuer) {
    this.issuer = issuer;
    try {
      this.key = new RSAKeyGenerator(2048).keyID("test-" + Integer.toHexString(issuer.hashCode())).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  String issuer() {
    return issuer;
  }

  String publicJwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** A token for {@code subject} and {@code audience}, valid for {@code ttl} from now, with extra claims. */
  String token(String subject, List<String> audience, Duration ttl, Map<String, Object> claims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
        .issueTime(Date.from(now.minusSeconds(5))).notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plus(ttl)));
    claims.forEach(c::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), c.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** A Kubernetes service account's token: {@code system:serviceaccount:<namespace>:<name>}, ten minutes. */
  String serviceAccount(String namespace, String name, String audience) {
    return token("system:serviceaccount:" + namespace + ":" + name, List.of(audience), Duration.ofMinutes(10),
        Map.of("kubernetes.io", Map.of("namespace", namespace, "serviceaccount", Map.of("name", name))));
  }

  /** The same token with one character of its signature changed. */
  static String tampered(String token) {
    int at = token.lastIndexOf('.') + 5;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  /** The same token with its payload changed (another subject), keeping the original signature. */
  static String withSubject(String token, String subject) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWTClaimsSet changed = new JWTClaimsSet.Builder(jwt.getJWTClaimsSet()).subject(subject).build();
      String[] parts = token.split("\\.");
      return parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(changed.toString()) + "." + parts[2];
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
