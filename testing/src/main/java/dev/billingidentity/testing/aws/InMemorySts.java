package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.testing.aws.iam.Decision;
import dev.billingidentity.testing.aws.iam.RequestContext;
import dev.billingidentity.testing.aws.iam.TrustPolicyEvaluator;
import dev.billingidentity.testing.aws.iam.TrustRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STS's {@code AssumeRoleWithWebIdentity} for one {@link InMemoryAws} account, deciding as STS does, in STS's order
 * and with its error codes:
 *
 * <ol>
 *   <li>the session name must be 2 to 64 of {@code [\w+=,.@-]} ({@code ValidationError});</li>
 *   <li>the token must be a signed JWT with an issuer for which the account has an IAM OIDC provider
 *       ({@code InvalidIdentityToken}: {@code No OpenIDConnect provider found in your account for <iss>}), signed by
 *       one of that issuer's keys ({@link InMemoryAws#trustIssuerKeys}; {@code InvalidIdentityToken}), not expired
 *       ({@code ExpiredTokenException}), and with an audience among the provider's client ids
 *       ({@code InvalidIdentityToken: Incorrect token audience});</li>
 *   <li>the role must exist (as IAM has propagated it) and its trust must allow the provider's federated principal
 *       {@code sts:AssumeRoleWithWebIdentity}, with the token's {@code <issuer>:sub}, {@code :aud} and {@code :amr} as
 *       context keys ({@link TrustPolicyEvaluator}); else {@code AccessDenied} (403), which says nothing more.</li>
 * </ol>
 *
 * <p>Then it issues a session of one hour whose credentials the account's S3 accepts, judged by the role's inline
 * policies. The token is never logged, nor put in an exception; the decision's statement is logged at debug.
 */
final class InMemorySts {
  static final String OPERATION = "AssumeRoleWithWebIdentity";
  private static final Logger LOG = LoggerFactory.getLogger(InMemorySts.class);
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Duration SESSION = Duration.ofHours(1);

  private final InMemoryAws account;

  InMemorySts(InMemoryAws account) {
    this.account = Objects.requireNonNull(account, "account");
  }

  AssumedRole assumeRoleWithWebIdentity(String roleArn, String sessionName, String webIdentityToken) {
    account.enter(OPERATION, false);
    if (roleArn == null || roleArn.length() < 20) {
      throw AwsErrors.stsValidation(String.valueOf(roleArn), "roleArn",
          "Member must have length greater than or equal to 20");
    }
    if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
      throw AwsErrors.stsValidation(String.valueOf(sessionName), "roleSessionName",
          "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    if (webIdentityToken == null || webIdentityToken.length() < 4) {
      throw AwsErrors.stsValidation("(token)", "webIdentityToken",
          "Member must have length greater than or equal to 4");
    }
    IdentityToken token = IdentityToken.parse(webIdentityToken).orElseThrow(() -> AwsErrors.invalidIdentityToken(
        "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"));
    String issuer = token.issuer().orElseThrow(() -> AwsErrors.invalidIdentityToken("No iss claim in the token"));
    synchronized (account) {
      String hostPath = issuer.replaceFirst("^https://", "");
      String providerArn = account.providerArnOf(hostPath);
      OidcProviderInfo provider = account.oidcProvider(providerArn).orElseThrow(() ->
          AwsErrors.invalidIdentityToken("No OpenIDConnect provider found in your account for " + issuer));
      String keys = account.issuerKeys(issuer).orElseThrow(() -> AwsErrors.invalidIdentityToken(
          "Couldn't retrieve verification key from your identity provider,  please reference "
              + "AssumeRoleWithWebIdentity documentation for requirements"));
      if (!token.signedBy(keys)) {
        throw AwsErrors.invalidIdentityToken("The signature of the web identity token could not be verified with the "
            + "keys of its issuer " + issuer);
      }
      Instant now = account.now();
      Optional<Instant> expiry = token.expiry();
      if (expiry.isEmpty() || !now.isBefore(expiry.get())) {
        throw AwsErrors.expiredIdentityToken(now.getEpochSecond(), expiry.map(Instant::getEpochSecond).orElse(0L));
      }
      List<String> audiences = token.audiences().stream().filter(provider.clientIds()::contains).toList();
      if (audiences.isEmpty()) {
        throw AwsErrors.invalidIdentityToken("Incorrect token audience");
      }
      InMemoryAws.AssumableRole role = account.assumableRole(roleArn).orElseThrow(AwsErrors::stsAccessDenied);
      RequestContext.Builder context = RequestContext.builder()
          .put(hostPath + ":sub", token.subject().orElse(""))
          .put(hostPath + ":aud", audiences);
      if (!token.amr().isEmpty()) {
        context.put(hostPath + ":amr", token.amr());
      }
      Decision decision = TrustPolicyEvaluator.evaluate(role.trust(),
          TrustRequest.federated(providerArn, "sts:AssumeRoleWithWebIdentity", context.build()));
      LOG.debug("STS {} for role {} and subject {}: {} by statement {} {}", OPERATION, roleArn,
          token.subject().orElse(""), decision.outcome(), decision.statement(), decision.notes());
      if (!decision.allowed()) {
        throw AwsErrors.stsAccessDenied();
      }
      return account.issueSession(role, sessionName, now.plus(SESSION), Map.of());
    }
  }
}
