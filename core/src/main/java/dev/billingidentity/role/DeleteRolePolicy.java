package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.aws.NoSuchEntityException;

/** Deletes the library's inline policy from the role; already gone counts as done. */
public record DeleteRolePolicy(String roleName, String policyName) implements Change {
  @Override
  public String kind() {
    return "DeleteRolePolicy";
  }

  @Override
  public String describe() {
    return "- delete inline policy " + policyName + " from role " + roleName;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.put("policyName", policyName);
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    try {
      context.retry().run("DeleteRolePolicy " + roleName,
          () -> context.aws().iam().deleteRolePolicy(roleName, policyName));
    } catch (NoSuchEntityException e) {
      // Already deleted, e.g. by an earlier destroy that stopped half-way.
    }
  }
}
