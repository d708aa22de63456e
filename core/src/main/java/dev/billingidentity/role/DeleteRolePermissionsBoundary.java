package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;

/**
 * Removes a permissions boundary the settings do not name from the role. Planned only with the caller's explicit
 * opt-in ({@code repairPermissionsBoundary}).
 *
 * @param roleName the role
 * @param current the boundary the role had when planned
 */
public record DeleteRolePermissionsBoundary(String roleName, String current) implements Change {
  @Override
  public String kind() {
    return "DeleteRolePermissionsBoundary";
  }

  @Override
  public String describe() {
    return "- remove permissions boundary " + current + " from role " + roleName
        + ": the settings name none, and repairPermissionsBoundary is on";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.put("currentPermissionsBoundary", current);
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    context.retry().run("DeleteRolePermissionsBoundary " + roleName,
        () -> context.aws().iam().deleteRolePermissionsBoundary(roleName));
  }
}
