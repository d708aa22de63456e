package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.testing.aws.iam.RequestContext;
import dev.billingidentity.testing.aws.iam.TrustRequest;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.contract.TrustEvaluationContract;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link TrustEvaluationContract} table run on the fake STS, for every case a web identity token can carry: a
 * real signed token with the case's subject, audience and {@code amr}, exchanged by {@code AssumeRoleWithWebIdentity}
 * for a role with the case's trust. Allowed is credentials; refused is {@code AccessDenied}.
 */
class InMemoryStsTrustContractTest extends TrustEvaluationContract {
  private static final ServiceAccountIssuer ISSUER_KEYS = new ServiceAccountIssuer("https://" + ISSUER);
  private static final Set<String> TOKEN_KEYS = Set.of(ISSUER + ":sub", ISSUER + ":aud", ISSUER + ":amr");

  @Override
  protected boolean canAsk(TrustRequest request) {
    return request.principal().equals(new TrustRequest.Principal(TrustRequest.PrincipalType.FEDERATED, PROVIDER))
        && request.action().equals(WEB_IDENTITY) && TOKEN_KEYS.containsAll(request.context().keys());
  }

  @Override
  protected boolean allows(String trustJson, TrustRequest request) {
    InMemoryAws aws = new InMemoryAws();
    aws.givenOidcProvider(ISSUER_KEYS.url(), AUDIENCES);
    aws.trustIssuerKeys(ISSUER_KEYS.url(), ISSUER_KEYS.publicJwks());
    aws.givenRole("trusting", trustJson, Map.of());
    RequestContext context = request.context();
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new HashMap<>();
    claims.put("iss", ISSUER_KEYS.url());
    claims.put("sub", context.values(ISSUER + ":sub").orElseThrow().get(0));
    claims.put("aud", context.values(ISSUER + ":aud").orElseThrow());
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("exp", now + ServiceAccountIssuer.MIN_EXPIRY.toSeconds());
    context.values(ISSUER + ":amr").ifPresent(amr -> claims.put("amr", amr));
    String token = ISSUER_KEYS.sign(claims);
    try {
      aws.assumeRoleWithWebIdentity(aws.role("trusting").orElseThrow().arn(), "contract", token);
      return true;
    } catch (AccessDeniedException refused) {
      return false;
    }
  }

}
