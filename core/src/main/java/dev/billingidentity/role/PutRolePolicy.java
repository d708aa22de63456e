package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.policy.PolicyDocument;

/** Creates or replaces the role's inline S3 policy, which the library owns by its name. */
public record PutRolePolicy(String roleName, String policyName, PolicyDocument policy) implements Change {
  @Override
  public String kind() {
    return "PutRolePolicy";
  }

  @Override
  public String describe() {
    return "~ put inline policy " + policyName + " on role " + roleName;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.put("policyName", policyName);
    node.set("policy", policy.toJsonNode());
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    context.retry().run("PutRolePolicy " + roleName,
        () -> context.aws().iam().putRolePolicy(roleName, policyName, policy.toJson()));
  }
}
