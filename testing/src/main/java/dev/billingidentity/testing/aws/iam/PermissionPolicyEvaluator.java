package dev.billingidentity.testing.aws.iam;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import java.util.List;

/**
 * A principal's permission policies (e.g. a role's inline policies), evaluated together as IAM does for one action on
 * one resource (policy evaluation logic, within one account): a {@code Deny} that applies in any of them wins; else
 * an {@code Allow} that applies allows; else the request is implicitly denied. A statement applies when its
 * {@code Action} (or {@code NotAction}) names the action, its {@code Resource} (or {@code NotResource}) the resource's
 * ARN (case-sensitive, with wildcards), and its {@code Condition} holds. Service control policies, permissions
 * boundaries, session policies and resource policies are not modelled.
 */
public final class PermissionPolicyEvaluator {
  private PermissionPolicyEvaluator() {}

  /** The decision of the policies (as JSON) for {@code action} on {@code resourceArn}. */
  public static Decision evaluate(List<String> policiesJson, String action, String resourceArn,
      RequestContext context) {
    List<PolicyDocument> documents = policiesJson.stream().map(PolicyDocument::parse).toList();
    return StatementMatch.decide(documents, action, context, s -> resourceApplies(s, resourceArn));
  }

  private static boolean resourceApplies(Statement s, String resourceArn) {
    if (s.element("Resource").isPresent()) {
      return StatementMatch.anyMatches(s.element("Resource").get(), resourceArn, false);
    }
    return s.element("NotResource").map(n -> !StatementMatch.anyMatches(n, resourceArn, false)).orElse(false);
  }
}
