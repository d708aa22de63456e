package dev.billingidentity.testing.server;

import static dev.billingidentity.testing.server.QueryXml.element;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.CallerIdentity;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * STS's Query API (version 2011-06-15) over an {@link InMemoryAws}: {@code GetCallerIdentity} and
 * {@code AssumeRoleWithWebIdentity} (which the SDK and the aws CLI send unsigned), in STS's XML.
 */
final class StsQueryApi {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final InMemoryAws aws;

  StsQueryApi(InMemoryAws aws) {
    this.aws = aws;
  }

  AwsAnswer answer(QueryRequest q) {
    String action = String.valueOf(q.action());
    switch (action) {
      case "GetCallerIdentity": {
        CallerIdentity me = aws.callerIdentity();
        return QueryXml.response(NAMESPACE, action,
            element("Arn", me.arn()) + element("UserId", me.userId()) + element("Account", me.account()));
      }
      case "AssumeRoleWithWebIdentity":
        return assumeRoleWithWebIdentity(q);
      default:
        throw new AwsServiceException("STS", action, "InvalidAction", 400,
            "The action or operation requested is invalid. Verify that the action is typed correctly.");
    }
  }

  /** STS's answer: the session, its credentials, and what STS read of the token (subject, audience, provider). */
  private AwsAnswer assumeRoleWithWebIdentity(QueryRequest q) {
    String token = q.required("WebIdentityToken");
    AssumedRole session = aws.assumeRoleWithWebIdentity(q.required("RoleArn"), q.required("RoleSessionName"), token);
    String subject = "";
    String audience = "";
    String issuer = "";
    try {
      JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
      subject = String.valueOf(claims.getSubject());
      List<String> audiences = claims.getAudience();
      audience = audiences.isEmpty() ? "" : audiences.get(0);
      issuer = String.valueOf(claims.getIssuer()).replaceFirst("^https://", "");
    } catch (ParseException e) {
      // STS accepted it, so it parses; nothing more to say of a token that does not.
    }
    String roleName = session.roleName();
    String sessionName = session.assumedRoleArn().substring(session.assumedRoleArn().lastIndexOf('/') + 1);
    Instant expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    return QueryXml.response(NAMESPACE, "AssumeRoleWithWebIdentity",
        element("SubjectFromWebIdentityToken", subject)
            + element("Audience", audience)
            + "<AssumedRoleUser>" + element("Arn", session.assumedRoleArn())
            + element("AssumedRoleId", "AROA" + Integer.toHexString(roleName.hashCode()).toUpperCase() + ":"
                + sessionName) + "</AssumedRoleUser>"
            + "<Credentials>" + element("SessionToken", session.credentials().sessionToken())
            + element("SecretAccessKey", session.credentials().secretAccessKey())
            + element("Expiration", expiration.toString())
            + element("AccessKeyId", session.credentials().accessKeyId()) + "</Credentials>"
            + element("Provider", issuer));
  }
}
