package dev.billingidentity.testing.aws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed JWT as AWS reads one it is given in exchange for credentials (a Kubernetes service account's token): its
 * issuer, subject, audiences, expiry and {@code amr}, and whether its signature is one of the issuer's keys. It holds
 * the token's claims, never the token; {@link #toString()} shows the issuer and subject only.
 */
final class IdentityToken {
  private final SignedJWT jwt;
  private final JWTClaimsSet claims;

  private IdentityToken(SignedJWT jwt, JWTClaimsSet claims) {
    this.jwt = jwt;
    this.claims = claims;
  }

  /** The token's claims, or empty when it is not a signed JWT at all. */
  static Optional<IdentityToken> parse(String token) {
    if (token == null) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      return Optional.of(new IdentityToken(jwt, jwt.getJWTClaimsSet()));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  /** {@code iss}, or empty. */
  Optional<String> issuer() {
    return Optional.ofNullable(claims.getIssuer());
  }

  /** {@code sub}, or empty. */
  Optional<String> subject() {
    return Optional.ofNullable(claims.getSubject());
  }

  /** {@code aud}: one string or a list, as Kubernetes writes it. */
  List<String> audiences() {
    return claims.getAudience() == null ? List.of() : List.copyOf(claims.getAudience());
  }

  /** {@code exp}, or empty when the token never expires. */
  Optional<Instant> expiry() {
    return Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant);
  }

  /** {@code nbf}, or empty. */
  Optional<Instant> notBefore() {
    return Optional.ofNullable(claims.getNotBeforeTime()).map(java.util.Date::toInstant);
  }

  /** {@code amr}: the authentication methods, a multivalued claim (none for a Kubernetes token). */
  List<String> amr() {
    Object amr = claims.getClaim("amr");
    List<String> out = new ArrayList<>();
    if (amr instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    } else if (amr != null) {
      out.add(String.valueOf(amr));
    }
    return out;
  }

  /**
   * A string in the token's {@code kubernetes.io} claim, e.g. {@code ("pod", "name")} for the pod a projected token is
   * bound to.
   */
  Optional<String> kubernetes(String object, String field) {
    Object k8s = claims.getClaim("kubernetes.io");
    if (k8s instanceof Map<?, ?> m && m.get(object) instanceof Map<?, ?> o && o.get(field) instanceof String s) {
      return Optional.of(s);
    }
    return Optional.empty();
  }

  /** Whether one of the keys of {@code jwksJson} (a JWKS document) signed the token, by its {@code kid} or any key. */
  boolean signedBy(String jwksJson) {
    JWKSet keys;
    try {
      keys = JWKSet.parse(jwksJson);
    } catch (ParseException e) {
      return false;
    }
    String kid = jwt.getHeader().getKeyID();
    for (JWK key : keys.getKeys()) {
      if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
        continue;
      }
      try {
        JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
            : key instanceof ECKey ec ? new ECDSAVerifier(ec) : null;
        if (verifier != null && jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | IllegalStateException e) {
        // a key of another type or algorithm: not this token's
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "IdentityToken[iss=" + claims.getIssuer() + ", sub=" + claims.getSubject() + "]";
  }
}
