package dev.billingidentity.testing.cluster;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/**
 * Forged tokens for negative tests: what an attacker can make from a token they saw, without the issuer's key. A
 * fake STS or EKS Auth (and AWS) must refuse both.
 */
public final class TokenForgery {
  private TokenForgery() {}

  /** The same token with one character of its signature changed. */
  public static String tamperedSignature(String token) {
    int at = token.lastIndexOf('.') + 5;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  /** The same token with another subject in its payload, keeping the original signature. */
  public static String withSubject(String token, String subject) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWTClaimsSet changed = new JWTClaimsSet.Builder(jwt.getJWTClaimsSet()).subject(subject).build();
      String[] parts = token.split("\\.");
      return parts[0] + "." + Base64URL.encode(changed.toString()) + "." + parts[2];
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a signed JWT", e);
    }
  }
}
