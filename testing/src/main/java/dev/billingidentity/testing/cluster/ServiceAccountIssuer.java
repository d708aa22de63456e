package dev.billingidentity.testing.cluster;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Kubernetes service-account issuer: an issuer URL (on EKS, the cluster's OIDC issuer,
 * {@code https://oidc.eks.<region>.amazonaws.com/id/<id>}) and an RSA key pair, signing tokens as the API server's
 * TokenRequest does on EKS, so that a fake STS or EKS Auth can check them as AWS does:
 *
 * <pre>
 * header  {"alg":"RS256","kid":"&lt;base64url SHA-256 of the public key's DER&gt;"}
 * payload {"aud":["sts.amazonaws.com"],"exp":...,"iat":...,"iss":"https://oidc.eks...","jti":"&lt;uuid&gt;",
 *          "kubernetes.io":{"namespace":"NS","serviceaccount":{"name":"SA","uid":"&lt;uid&gt;"}},
 *          "nbf":...,"sub":"system:serviceaccount:NS:SA"}
 * </pre>
 *
 * <p>{@link #publicJwks()} is what the issuer serves at {@code <issuer>/keys} (its discovery document's
 * {@code jwks_uri}). The key pair is made on first use (2048 bits, as the API server's), so that a fake built and never
 * asked for a token costs nothing. Thread-safe. The tokens it signs are credentials to whatever trusts the issuer: a
 * fake's, but they are not logged either.
 */
public final class ServiceAccountIssuer {
  /** The issuer of a cluster that sets no {@code --service-account-issuer} of its own (kubeadm's default). */
  public static final String KUBERNETES_DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";
  /** The shortest expiry the TokenRequest API accepts. */
  public static final Duration MIN_EXPIRY = Duration.ofMinutes(10);
  /** The longest expiry the TokenRequest API accepts (2^32 seconds). */
  public static final Duration MAX_EXPIRY = Duration.ofSeconds(1L << 32);

  private final String url;
  private volatile RSAKey key;

  /** @param url the issuer URL, with {@code https://}: the {@code iss} of every token */
  public ServiceAccountIssuer(String url) {
    this.url = Objects.requireNonNull(url, "url");
    if (!url.startsWith("https://")) {
      throw new IllegalArgumentException("issuer url " + url + ": an issuer URL starts with https://");
    }
  }

  /** The issuer URL, with {@code https://}. */
  public String url() {
    return url;
  }

  /** The {@code kid} of the signing key, as Kubernetes computes it: base64url (no padding) of SHA-256 of its DER. */
  public String keyId() {
    return key().getKeyID();
  }

  /** The public signing key, to verify tokens with. */
  public RSAPublicKey publicKey() {
    try {
      return key().toRSAPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException("the issuer's key is not an RSA public key", e);
    }
  }

  /** The public key set, as JSON ({@code {"keys":[{"kty":"RSA","e":...,"use":"sig","kid":...,"alg":"RS256","n":...}]}}). */
  public String publicJwks() {
    return new JWKSet(key().toPublicJWK()).toString(true);
  }

  /**
   * Why the TokenRequest API refuses {@code expiry}, in the API server's words; empty when it accepts it.
   * ({@code spec.expirationSeconds} below ten minutes or above 2^32 seconds.)
   */
  public static Optional<String> tokenRequestRefusal(Duration expiry) {
    long seconds = expiry.toSeconds();
    if (expiry.compareTo(MIN_EXPIRY) < 0) {
      return Optional.of("spec.expirationSeconds: Invalid value: " + seconds
          + ": may not specify a duration less than 10 minutes");
    }
    if (expiry.compareTo(MAX_EXPIRY) > 0) {
      return Optional.of("spec.expirationSeconds: Invalid value: " + seconds
          + ": may not specify a duration larger than 2^32 seconds");
    }
    return Optional.empty();
  }

  /**
   * Signs a token for a service account, as a TokenRequest with one audience and no bound object: issued (and valid
   * from) {@code issuedAt}, expiring {@code expiry} later. Any times may be given, so a test can make an expired or a
   * not-yet-valid token; {@link #tokenRequestRefusal} says what the API would accept.
   *
   * @param serviceAccountUid the service account's {@code metadata.uid}
   * @return the compact JWS
   */
  public String sign(String namespace, String serviceAccount, String serviceAccountUid, String audience,
      Instant issuedAt, Duration expiry) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    Objects.requireNonNull(serviceAccountUid, "serviceAccountUid");
    Objects.requireNonNull(audience, "audience");
    long iat = issuedAt.getEpochSecond();
    Map<String, Object> kubernetes = new LinkedHashMap<>();
    kubernetes.put("namespace", namespace);
    kubernetes.put("serviceaccount", Map.of("name", serviceAccount, "uid", serviceAccountUid));
    Map<String, Object> claims = new LinkedHashMap<>();
    // As the API server writes them: aud always an array, even of one.
    claims.put("aud", List.of(audience));
    claims.put("exp", iat + expiry.toSeconds());
    claims.put("iat", iat);
    claims.put("iss", url);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("kubernetes.io", kubernetes);
    claims.put("nbf", iat);
    claims.put("sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
    return sign(claims);
  }

  /**
   * Signs a token for a service account as a pod's projected token is: one audience, issued now, valid for
   * {@link #MIN_EXPIRY}, with a uid derived from the namespace and name (stable, as a service account's is).
   *
   * @return the compact JWS
   */
  public String sign(String namespace, String serviceAccount, String audience) {
    String uid = UUID.nameUUIDFromBytes((namespace + "/" + serviceAccount).getBytes(StandardCharsets.UTF_8))
        .toString();
    return sign(namespace, serviceAccount, uid, audience, Instant.now(), MIN_EXPIRY);
  }

  /** Signs any claims with the issuer's key and {@code kid}: for tests that need a token of another shape. */
  public String sign(Map<String, Object> claims) {
    RSAKey k = key();
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(k.getKeyID()).build(),
        new Payload(claims));
    try {
      jws.sign(new RSASSASigner(k));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with the issuer's RSA key", e);
    }
    return jws.serialize();
  }

  private RSAKey key() {
    RSAKey k = key;
    if (k == null) {
      synchronized (this) {
        k = key;
        if (k == null) {
          key = k = newKey();
        }
      }
    }
    return k;
  }

  private static RSAKey newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
      String kid = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(pub.getEncoded()));
      return new RSAKey.Builder(pub).privateKey((RSAPrivateKey) pair.getPrivate()).keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256).keyID(kid).build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA or SHA-256", e);
    }
  }

  /** E.g. {@code ServiceAccountIssuer[https://oidc.eks.us-east-1.amazonaws.com/id/...]}: never the key. */
  @Override
  public String toString() {
    return "ServiceAccountIssuer[" + url + "]";
  }
}
