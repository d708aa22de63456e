package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import java.util.Optional;

/**
 * Sets the permissions boundary the settings name on an existing role. Planned only with the caller's explicit
 * opt-in ({@code repairPermissionsBoundary}): a boundary is an organisation's guardrail, not the library's.
 *
 * @param roleName the role
 * @param policyArn the managed policy to set as the boundary
 * @param current the boundary the role had when planned, if any
 */
public record PutRolePermissionsBoundary(String roleName, String policyArn, Optional<String> current)
    implements Change {
  @Override
  public String kind() {
    return "PutRolePermissionsBoundary";
  }

  @Override
  public String describe() {
    return "~ set permissions boundary of role " + roleName + " to " + policyArn
        + current.map(c -> " (was " + c + ")").orElse(" (it had none)") + ": repairPermissionsBoundary";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.put("permissionsBoundary", policyArn);
    current.ifPresent(c -> node.put("currentPermissionsBoundary", c));
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    context.retry().run("PutRolePermissionsBoundary " + roleName,
        () -> context.aws().iam().putRolePermissionsBoundary(roleName, policyArn));
  }
}
