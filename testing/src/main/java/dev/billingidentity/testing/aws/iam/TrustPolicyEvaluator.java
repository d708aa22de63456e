package dev.billingidentity.testing.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role's trust policy, evaluated as IAM does when someone asks to assume the role (IAM JSON policy elements:
 * Principal, Action, Condition; policy evaluation logic): a statement applies when its {@code Principal} (or
 * {@code NotPrincipal}) names the principal asking, its {@code Action} (or {@code NotAction}) the action, and its
 * {@code Condition} holds for the request's context ({@link Conditions}). A {@code Deny} that applies wins; else an
 * {@code Allow} that applies allows; else the request is implicitly denied. Every statement counts, the library's and
 * anyone else's.
 *
 * <p>Principals: {@code "*"} and {@code {"AWS": "*"}} name everyone (the documentation makes them equivalent);
 * {@code Federated} and {@code Service} name a provider or a service exactly; {@code AWS} names a user or role by its
 * ARN, or a whole account by its id or {@code arn:...:iam::<account>:root}, which trusts every principal of that
 * account. Actions are case-insensitive and may hold {@code *} and {@code ?}.
 *
 * <pre>{@code
 * Decision d = TrustPolicyEvaluator.evaluate(trustJson, TrustRequest.federated(providerArn,
 *     "sts:AssumeRoleWithWebIdentity", RequestContext.builder().put(issuer + ":sub", subject).build()));
 * if (!d.allowed()) ... // AccessDenied
 * }</pre>
 */
public final class TrustPolicyEvaluator {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):root");
  private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\\d{12}):.*");

  private TrustPolicyEvaluator() {}

  /** The decision of a trust policy given as JSON (already URL-decoded). */
  public static Decision evaluate(String trustPolicyJson, TrustRequest request) {
    return evaluate(PolicyDocument.parse(trustPolicyJson), request);
  }

  /** The decision of a trust policy for one request. */
  public static Decision evaluate(PolicyDocument trust, TrustRequest request) {
    return StatementMatch.decide(List.of(trust), request.action(), request.context(),
        s -> principalApplies(s, request.principal()));
  }

  private static boolean principalApplies(Statement s, TrustRequest.Principal asking) {
    if (s.element("Principal").isPresent()) {
      return names(s.element("Principal").get(), asking);
    }
    // NotPrincipal: the statement applies to every principal it does not name.
    return s.element("NotPrincipal").map(n -> !names(n, asking)).orElse(false);
  }

  /** Whether a {@code Principal} element names the principal asking. */
  static boolean names(JsonNode principal, TrustRequest.Principal asking) {
    if (principal.isTextual()) {
      return principal.textValue().equals("*");
    }
    if (!principal.isObject()) {
      return false;
    }
    for (String value : Conditions.texts(principal.get("AWS"))) {
      if (value.equals("*") || (asking.type() == TrustRequest.PrincipalType.AWS && namesAws(value, asking.id()))) {
        return true;
      }
    }
    if (asking.type() == TrustRequest.PrincipalType.AWS) {
      return false;
    }
    return Conditions.texts(principal.get(asking.type().element())).contains(asking.id());
  }

  /** An {@code AWS} principal value: the ARN itself, or the account (id or root ARN) the ARN belongs to. */
  private static boolean namesAws(String value, String arn) {
    if (value.equals(arn)) {
      return true;
    }
    Matcher of = ARN_ACCOUNT.matcher(arn);
    if (!of.matches()) {
      return false;
    }
    String account = of.group(1);
    if (ACCOUNT.matcher(value).matches()) {
      return value.equals(account);
    }
    Matcher root = ACCOUNT_ROOT.matcher(value);
    return root.matches() && root.group(1).equals(account);
  }
}
