package dev.billingidentity.testing.aws.iam;

import java.util.Objects;

/**
 * Who asks to assume a role, for which action, with which request context: what IAM evaluates a role's trust policy
 * against.
 *
 * <pre>{@code
 * TrustRequest.federated(providerArn, "sts:AssumeRoleWithWebIdentity", context)   // IRSA, a GitHub OIDC token, ...
 * TrustRequest.service("pods.eks.amazonaws.com", "sts:TagSession", context)       // EKS Pod Identity
 * TrustRequest.aws("arn:aws:iam::111122223333:role/ci", "sts:AssumeRole", context) // a role of another account
 * }</pre>
 *
 * @param principal who asks
 * @param action e.g. {@code sts:AssumeRoleWithWebIdentity}
 * @param context the request's context keys
 */
public record TrustRequest(Principal principal, String action, RequestContext context) {
  public TrustRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(context, "context");
  }

  /** The kinds of principal a trust policy names ({@code Principal} element's keys). */
  public enum PrincipalType {
    /** An identity provider: an IAM OIDC or SAML provider's ARN, or e.g. {@code cognito-identity.amazonaws.com}. */
    FEDERATED("Federated"),
    /** An AWS service principal, e.g. {@code pods.eks.amazonaws.com}. */
    SERVICE("Service"),
    /** An IAM user or role (its ARN), of some account. */
    AWS("AWS");

    private final String element;

    PrincipalType(String element) {
      this.element = element;
    }

    /** The key of the {@code Principal} element for this type. */
    public String element() {
      return element;
    }
  }

  /**
   * The principal that asks.
   *
   * @param type its kind
   * @param id a provider ARN, a service principal, or a user's or role's ARN
   */
  public record Principal(PrincipalType type, String id) {
    public Principal {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
    }
  }

  /** An identity provider's federated principal. */
  public static TrustRequest federated(String providerArn, String action, RequestContext context) {
    return new TrustRequest(new Principal(PrincipalType.FEDERATED, providerArn), action, context);
  }

  /** A service principal. */
  public static TrustRequest service(String servicePrincipal, String action, RequestContext context) {
    return new TrustRequest(new Principal(PrincipalType.SERVICE, servicePrincipal), action, context);
  }

  /** An IAM user or role, by ARN. */
  public static TrustRequest aws(String arn, String action, RequestContext context) {
    return new TrustRequest(new Principal(PrincipalType.AWS, arn), action, context);
  }

  /** The same request for another action (e.g. {@code sts:TagSession} beside {@code sts:AssumeRole}). */
  public TrustRequest forAction(String otherAction) {
    return new TrustRequest(principal, otherAction, context);
  }
}
